using Likeness.Imaging;
using Likeness.Models.Catalog;
using Likeness.Vision.Faces.Detection;

namespace Likeness.Vision.Tests.Faces.Detection;

/// <summary>Runs face-api's converted SSD MobileNet v1 on face-api's own sample photos (pinned by SHA-256).</summary>
public sealed class SsdMobilenetDetectorTests
{
    private static readonly Lazy<SsdMobilenetDetector> Detector = new(() => new SsdMobilenetDetector(FaceSamples.OpenSession("faceapi-ssd-mobilenetv1")));

    internal static DecodedImage Sample(string name) =>
        new ImageDecoder().Decode(File.ReadAllBytes(TestOnnxRuntime.Assets.PackageFile(ModelCatalog.FaceApi, $"demo/{name}")));

    [Theory]
    [InlineData("sample1.jpg", 3)]
    [InlineData("sample4.jpg", 4)]
    [InlineData("sample5.jpg", 5)]
    public void FindsEveryFaceInTheSamplePhoto(string sample, int faces) => Assert.Equal(faces, Detector.Value.Detect(Sample(sample)).Count);

    [Fact]
    public void BoxesLieInsideTheImageAreOrderedByConfidenceAndHaveNoKeypoints()
    {
        var image = Sample("sample1.jpg");

        var found = Detector.Value.Detect(image);

        Assert.All(found, f =>
        {
            Assert.InRange(f.Left, 0, image.Width - f.Width);
            Assert.InRange(f.Top, 0, image.Height - f.Height);
            Assert.InRange(f.Width, 80, 400);
            Assert.InRange(f.Confidence, 0.5f, 1f);
            Assert.Empty(f.Keypoints);
        });
        Assert.Equal(found.OrderByDescending(f => f.Confidence), found);
    }

    [Fact]
    public void FindsTheSameFacesAsBlazeFace()
    {
        var image = Sample("sample4.jpg");
        var blaze = new BlazeFaceDetector(FaceSamples.OpenSession("blazeface")).Detect(image);

        var ssd = Detector.Value.Detect(image);

        // Each BlazeFace box's centre lies inside exactly one SSD box (the nets frame faces differently, so IoU is no test).
        Assert.All(blaze, b => Assert.Single(ssd, s => Contains(s, b.Left + b.Width / 2, b.Top + b.Height / 2)));
    }

    internal static bool Contains(DetectedFace face, float x, float y) =>
        x >= face.Left && x <= face.Left + face.Width && y >= face.Top && y <= face.Top + face.Height;
}
