using Likeness.Imaging;
using Likeness.Vision.Faces.Detection;

namespace Likeness.Vision.Tests.Faces.Detection;

public sealed class TiledFaceDetectorTests
{
    private static readonly Lazy<BlazeFaceDetector> Blaze = new(() => new BlazeFaceDetector(FaceSamples.OpenSession("blazeface")));

    [Theory]
    [InlineData("sample1.jpg")]
    [InlineData("sample4.jpg")]
    [InlineData("sample5.jpg")]
    public void EachFaceIsReturnedOnceThoughManyTilesSeeIt(string sample)
    {
        var image = SsdMobilenetDetectorTests.Sample(sample);
        var faces = Blaze.Value.Detect(image);

        var tiled = new TiledFaceDetector(Blaze.Value, [512, 256]).Detect(image);

        Assert.All(faces, f => Assert.Single(tiled, t => SsdMobilenetDetectorTests.Contains(t, f.Left + f.Width / 2, f.Top + f.Height / 2)));
    }

    [Fact]
    public void FindsFortyPixelFacesInAPhotoLargerThanTheNetworkSees()
    {
        // sample1's three faces (~150-190 px) shrunk 4x to ~40-48 px and pasted into a 1920x1280 canvas: Rekognition's floor.
        var small = FaceSamples.Shrink(SsdMobilenetDetectorTests.Sample("sample1.jpg"), 4);
        var canvas = new DecodedImage(1920, 1280, new byte[1920 * 1280 * 3]);
        for (var y = 0; y < small.Height; y++) Array.Copy(small.Pixels, y * small.Width * 3, canvas.Pixels, ((700 + y) * 1920 + 900) * 3, small.Width * 3);
        var expected = Blaze.Value.Detect(SsdMobilenetDetectorTests.Sample("sample1.jpg"))
            .Select(f => (X: 900 + (f.Left + f.Width / 2) / 4, Y: 700 + (f.Top + f.Height / 2) / 4)).ToList();

        var tiled = new TiledFaceDetector(Blaze.Value, [512, 256]).Detect(canvas);

        Assert.Equal(3, tiled.Count);
        Assert.All(expected, e => Assert.Single(tiled, t => SsdMobilenetDetectorTests.Contains(t, e.X, e.Y)));
    }

    [Fact]
    public void TilesAtLeastAsLargeAsTheImageAddNothing()
    {
        var image = SsdMobilenetDetectorTests.Sample("sample1.jpg");
        static (float, float, float, float, float) Key(DetectedFace f) => (f.Left, f.Top, f.Width, f.Height, f.Confidence);

        Assert.Equal(Blaze.Value.Detect(image).Select(Key), new TiledFaceDetector(Blaze.Value, [4096]).Detect(image).Select(Key));
    }
}
