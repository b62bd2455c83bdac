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
