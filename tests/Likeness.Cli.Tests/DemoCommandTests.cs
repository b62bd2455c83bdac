using Likeness.Imaging;

namespace Likeness.Cli.Tests;

public sealed class DemoCommandTests
{
    [Fact]
    public void TheDemoFindsTheFacesInTheSamplePhoto()
    {
        var (code, stdout, stderr) = CliRunner.Run("demo");

        Assert.True(code == 0, stderr);
        Assert.Contains("sample1.jpg: 1920x1280", stdout);
        Assert.Contains("blazeface found 3 face(s)", stdout);
    }

    [Fact]
    public void DemoWithOutWritesThePhotoWithTheBoxesAsPng()
    {
        var path = Path.Combine(Path.GetTempPath(), $"likeness-demo-{Guid.NewGuid():N}.png");
        try
        {
            var (code, stdout, stderr) = CliRunner.Run("demo", "--out", path);

            Assert.True(code == 0, stderr);
            Assert.Contains($"wrote {path}", stdout);
            var image = new ImageDecoder().Decode(File.ReadAllBytes(path));
            Assert.Equal((1920, 1280), (image.Width, image.Height));

            // The outlines are pure green (0, 255, 0), which a JPEG photo practically never holds.
            int green = 0;
            for (int i = 0; i < image.Pixels.Length; i += 3)
            {
                if (image.Pixels[i] == 0 && image.Pixels[i + 1] == 255 && image.Pixels[i + 2] == 0) green++;
            }
            Assert.True(green > 1000, $"{green} green pixels; expected three outlined faces");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AnOutPathInAMissingDirectoryGetsOneLineAndAFailingExit()
    {
        var (code, _, stderr) = CliRunner.Run("demo", "--out", "/nonexistent/dir/faces.png");

        Assert.Equal(1, code);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains("/nonexistent/dir/faces.png", stderr);
    }

    [Fact]
    public void AnOutPathThatIsADirectoryGetsOneLineAndAFailingExit()
    {
        // A directory named like the output: refused even to root, unlike a permission bit.
        var path = Path.Combine(Path.GetTempPath(), $"likeness-demo-{Guid.NewGuid():N}.png");
        Directory.CreateDirectory(path);
        try
        {
            var (code, _, stderr) = CliRunner.Run("demo", "--out", path);

            Assert.Equal(1, code);
            Assert.Single(stderr.TrimEnd('\n').Split('\n'));
            Assert.StartsWith("likeness: ", stderr);
        }
        finally
        {
            Directory.Delete(path);
        }
    }

    [Fact]
    public void AnOutPathThatIsNotPngIsAUsageError()
    {
        var (code, stdout, stderr) = CliRunner.Run("demo", "--out", "faces.jpg");

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains("ending in .png", stderr);
    }

    [Fact]
    public void AMissingFileIsAUsageError()
    {
        var (code, _, stderr) = CliRunner.Run("demo", "/nonexistent/photo.jpg");

        Assert.Equal(2, code);
        Assert.Contains("No file at /nonexistent/photo.jpg", stderr);
    }

    [Fact]
    public void AFileThatIsNoImageGetsOneLineSayingSo()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "this is not a photo");

            var (code, stdout, stderr) = CliRunner.Run("demo", path);

            Assert.Equal(1, code);
            Assert.Empty(stdout);
            Assert.Single(stderr.TrimEnd('\n').Split('\n'));
            Assert.Contains("JPEG", stderr);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
