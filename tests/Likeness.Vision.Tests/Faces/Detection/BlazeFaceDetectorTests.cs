using Likeness.Imaging;
using Likeness.Models.Catalog;
using Likeness.Vision.Faces.Detection;

namespace Likeness.Vision.Tests.Faces.Detection;

/// <summary>
/// Runs the converted BlazeFace on face-api's sample photos (installed with the models, pinned by
/// SHA-256). The counts are what a person sees in each photo.
/// </summary>
public sealed class BlazeFaceDetectorTests
{
    private static IReadOnlyList<DetectedFace> DetectIn(string sample)
    {
        var image = new ImageDecoder().Decode(File.ReadAllBytes(TestOnnxRuntime.Assets.PackageFile(ModelCatalog.FaceApi, $"demo/{sample}")));
        using var session = TestOnnxRuntime.Load().OpenSession(TestOnnxRuntime.Assets.Model("blazeface"));
        return new BlazeFaceDetector(session).Detect(image);
    }

    [Theory]
    [InlineData("sample1.jpg", 3)]
    [InlineData("sample4.jpg", 4)]
    [InlineData("sample5.jpg", 5)]
    public void FindsEveryFaceInTheSamplePhoto(string sample, int faces) => Assert.Equal(faces, DetectIn(sample).Count);

    [Fact]
    public void BoxesAreSquareInsideTheImageAndOrderedByConfidence()
    {
        var found = DetectIn("sample1.jpg");

        Assert.All(found, f =>
        {
            Assert.Equal(f.Width, f.Height, 1);
            Assert.InRange(f.Left, 0, 1920 - f.Width);
            Assert.InRange(f.Top, 0, 1280 - f.Height);
            Assert.InRange(f.Width, 80, 400);
            Assert.Equal(6, f.Keypoints.Count);
        });
        Assert.Equal(found.OrderByDescending(f => f.Confidence), found);
    }

    [Fact]
    public void EyeKeypointsLieInsideTheirFaceBox()
    {
        foreach (var face in DetectIn("sample1.jpg"))
        {
            foreach (var (x, y) in face.Keypoints.Take(2))
            {
                Assert.InRange(x, face.Left, face.Left + face.Width);
                Assert.InRange(y, face.Top, face.Top + face.Height);
            }
        }
    }
}
