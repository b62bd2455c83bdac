using Likeness.Imaging;
using Likeness.Vision.Faces.Detection;
using Likeness.Vision.Onnx;

namespace Likeness.Vision.Tests.Faces.Detection;

public sealed class BlazeFacePyramidDetectorTests
{
    private static readonly Lazy<OnnxSession> AnySize = new(() => FaceSamples.OpenSession(BlazeFacePyramidDetector.ModelName));
    private static readonly Lazy<BlazeFaceDetector> Blaze = new(() => new BlazeFaceDetector(FaceSamples.OpenSession("blazeface")));

    [Fact]
    public void TheOpenedModelComputesWhatThePublishedOneDoesAtItsOwnSize()
    {
        // Any 256x256 input: the opened model's four heads, flattened in NHWC order, are the published model's outputs.
        var random = new Random(7);
        var input = Enumerable.Range(0, 256 * 256 * 3).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        using var published = FaceSamples.OpenSession("blazeface");
        var expected = published.Run([new(published.Inputs[0].Name, OnnxTensor.FromFloats(input, 1, 256, 256, 3))]);
        var actual = AnySize.Value.Run([new(AnySize.Value.Inputs[0].Name, OnnxTensor.FromFloats(input, 1, 256, 256, 3))]);

        foreach (var (head, anchors, values) in new[] { ("scores16", 512, 1), ("regressors16", 512, 16), ("scores32", 384, 1), ("regressors32", 384, 16) })
        {
            var opened = actual[Index(AnySize.Value, head)];
            Assert.Equal(256 / (head.EndsWith("16", StringComparison.Ordinal) ? 16 : 32), opened.Shape[1]);
            var reference = Assert.Single(expected, o => o.Shape[1] == anchors && o.Shape[2] == values).AsFloats();
            var got = opened.AsFloats();
            Assert.Equal(reference.Length, got.Length);
            for (var i = 0; i < got.Length; i++) Assert.Equal(reference[i], got[i], 1e-4f);
        }
    }

    [Theory]
    [InlineData("sample1.jpg")]
    [InlineData("sample2.jpg")]
    [InlineData("sample5.jpg")]
    public void TheStemKernelAndTheTailModelFindWhatTheWholeNetworkFinds(string sample)
    {
        // The default detector splits the network between Likeness's kernel and ONNX Runtime; the split must not move a face.
        var image = SsdMobilenetDetectorTests.Sample(sample);
        var whole = new BlazeFacePyramidDetector(AnySize.Value, BlazeFacePyramidDetector.DefaultScales).Detect(image, 0.3f);
        using var tail = FaceSamples.OpenSession(BlazeFacePyramidDetector.TailModelName);

        var split = new BlazeFacePyramidDetector(tail, BlazeFacePyramidDetector.DefaultScales, stem: BlazeFaceStem.Open(TestOnnxRuntime.Assets)).Detect(image, 0.3f);

        Assert.NotEmpty(whole);
        Assert.Equal(whole.Count, split.Count);
        foreach (var (w, s) in whole.Zip(split))
        {
            Assert.Equal(w.Confidence, s.Confidence, 1e-4f);
            Assert.Equal(w.Left, s.Left, 0.01f);
            Assert.Equal(w.Top, s.Top, 0.01f);
            Assert.Equal(w.Width, s.Width, 0.01f);
            Assert.Equal(w.Height, s.Height, 0.01f);
        }
    }

    [Fact]
    public void RefusesASessionThatDoesNotTakeWhatItWouldBeFed()
    {
        using var tail = FaceSamples.OpenSession(BlazeFacePyramidDetector.TailModelName);
        Assert.Throws<ArgumentException>(() => new BlazeFacePyramidDetector(tail, BlazeFacePyramidDetector.DefaultScales));
        Assert.Throws<ArgumentException>(() => new BlazeFacePyramidDetector(AnySize.Value, BlazeFacePyramidDetector.DefaultScales, stem: BlazeFaceStem.Open(TestOnnxRuntime.Assets)));
    }

    [Theory]
    [InlineData("sample1.jpg", 3)]
    [InlineData("sample4.jpg", 4)]
    [InlineData("sample5.jpg", 5)]
    public void FindsEachFaceOfTheSamplePhotoOnce(string sample, int count)
    {
        var image = SsdMobilenetDetectorTests.Sample(sample);
        var whole = Blaze.Value.Detect(image);

        var found = new BlazeFacePyramidDetector(AnySize.Value, BlazeFacePyramidDetector.DefaultScales).Detect(image, BlazeFacePyramidDetector.DefaultMinConfidence);

        Assert.Equal(count, found.Count(f => f.Confidence >= 0.75f));
        Assert.All(whole, f => Assert.Single(found, p => SsdMobilenetDetectorTests.Contains(p, f.Left + f.Width / 2, f.Top + f.Height / 2)));
    }

    [Theory]
    [InlineData("sample1.jpg")]
    [InlineData("sample5.jpg")]
    public void TheFullRangeNetworkFindsTheSameFacesThroughItsDepthToSpaceLayout(string sample)
    {
        // Its single head is computed at stride 8 and spread 2x2; a wrong unfolding puts boxes beside the faces.
        var image = SsdMobilenetDetectorTests.Sample(sample);
        var whole = Blaze.Value.Detect(image);
        using var session = FaceSamples.OpenSession(BlazeFaceNetwork.FullRange.ModelName);

        var found = new BlazeFacePyramidDetector(session, [0.5f], BlazeFaceNetwork.FullRange).Detect(image, 0.5f);

        Assert.All(whole, f => Assert.Single(found, p => SsdMobilenetDetectorTests.Contains(p, f.Left + f.Width / 2, f.Top + f.Height / 2)));
        Assert.All(found.Where(p => whole.Any(f => SsdMobilenetDetectorTests.Contains(p, f.Left + f.Width / 2, f.Top + f.Height / 2))),
            p => Assert.True(whole.Any(f => NonMaximumSuppression.IntersectionOverUnion(f, p) > 0.4f), $"box at {p.Left:F0},{p.Top:F0} is off its face"));
    }

    [Fact]
    public void FindsFortyPixelFacesInA1080pPhoto()
    {
        // sample1's three faces (~150-190 px) shrunk 4x to ~40-48 px in a 1920x1080 canvas: Rekognition's floor.
        var small = FaceSamples.Shrink(SsdMobilenetDetectorTests.Sample("sample1.jpg"), 4);
        var noise = new byte[1920 * 1080 * 3];
        new Random(3).NextBytes(noise);
        var canvas = new DecodedImage(1920, 1080, noise);
        for (var y = 0; y < small.Height; y++) Array.Copy(small.Pixels, y * small.Width * 3, canvas.Pixels, ((600 + y) * 1920 + 900) * 3, small.Width * 3);
        var expected = Blaze.Value.Detect(SsdMobilenetDetectorTests.Sample("sample1.jpg"))
            .Select(f => (X: 900 + (f.Left + f.Width / 2) / 4, Y: 600 + (f.Top + f.Height / 2) / 4)).ToList();

        var found = new BlazeFacePyramidDetector(AnySize.Value, BlazeFacePyramidDetector.DefaultScales).Detect(canvas, BlazeFacePyramidDetector.DefaultMinConfidence);

        Assert.Equal(3, found.Count);
        Assert.All(expected, e => Assert.Single(found, f => SsdMobilenetDetectorTests.Contains(f, e.X, e.Y)));
        Assert.All(found, f => Assert.InRange(f.Width, 25, 70));
    }

    [Theory]
    [InlineData(1920, 1080, 1.0)]
    [InlineData(1080, 1920, 1.0)]
    [InlineData(1024, 700, 1.0)]
    [InlineData(3840, 2160, 2.0)]
    [InlineData(1920, 1280, 1280 / 1080.0)]
    [InlineData(4000, 1000, 4000 / 1920.0)]
    public void TheFloorGrowsWithTheImageAbove1080p(int width, int height, double growth) =>
        Assert.Equal(growth, BlazeFacePyramidDetector.FloorGrowth(width, height), 4);

    [Fact]
    public void MorePassesAskForTheHigherConfidenceMeasuredForThem()
    {
        Assert.Equal(BlazeFacePyramidDetector.DefaultMinConfidence, BlazeFacePyramidDetector.MinConfidenceFor(BlazeFacePyramidDetector.DefaultScales));
        Assert.Equal(BlazeFacePyramidDetector.DefaultMinConfidence, BlazeFacePyramidDetector.MinConfidenceFor([0.5f, 0.5f]));
        Assert.Equal(0.66f, BlazeFacePyramidDetector.MinConfidenceFor([1f, 0.5f]));
        Assert.Equal(0.66f, BlazeFacePyramidDetector.MinConfidenceFor([0.5f, 0.75f]));
        Assert.True(BlazeFacePyramidDetector.MinConfidenceFor([0.3f]) > BlazeFacePyramidDetector.DefaultMinConfidence);
    }

    [Fact]
    public void ScalesOutsideTheRangeAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BlazeFacePyramidDetector(AnySize.Value, [0f]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BlazeFacePyramidDetector(AnySize.Value, [5f]));
    }

    [Fact]
    public void ASessionOfAnotherModelIsRefused() =>
        Assert.Throws<ArgumentException>(() => new BlazeFacePyramidDetector(FaceSamples.OpenSession("blazeface"), [0.5f]));

    private static int Index(OnnxSession session, string name) =>
        session.Outputs.Select((o, i) => (o.Name, i)).Single(o => o.Name == name).i;
}
