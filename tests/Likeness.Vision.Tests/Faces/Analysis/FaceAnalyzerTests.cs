using Likeness.Vision.Faces.Analysis;
using Likeness.Vision.Faces.Attributes;
using Likeness.Vision.Faces.Detection;
using Likeness.Vision.Faces.Landmarks;

namespace Likeness.Vision.Tests.Faces.Analysis;

public sealed class FaceAnalyzerTests
{
    private static readonly Lazy<FaceAnalyzer> Analyzer = new(() => new FaceAnalyzer(
        new FaceLocator(
            // The detector as it ships (its own kernel where the CPU has 8-float vectors), so the concurrency test covers it.
            BlazeFacePyramidDetector.OpenDefault(FaceSamples.OpenSession, TestOnnxRuntime.Assets, BlazeFacePyramidDetector.DefaultScales),
            new FaceApiLandmarkDetector(FaceSamples.OpenSession("faceapi-landmark68"))),
        new FaceAttributeEstimator(FaceSamples.OpenSession("faceapi-age-gender"), FaceSamples.OpenSession("faceapi-expression"))));

    [Fact]
    public void Sample1sThreeFacesComeFirstLargestFirst()
    {
        var faces = Analyzer.Value.Analyze(FaceSamples.Sample1);

        // At the FPPI-0.5 operating point (docs/DETECTION.md) the default detector finds the three people and
        // nothing else (the tiled detector it replaced also boxed a 52 px dark patch of sleeve).
        Assert.Equal(3, faces.Count);
        Assert.All(faces, f => Assert.True(f.BoundingBox.Width * 1920 >= 140, $"a real face is at least 140 px wide, got {f.BoundingBox.Width * 1920:F0}"));
        var areas = faces.Select(f => f.BoundingBox.Width * f.BoundingBox.Height).ToList();
        Assert.Equal(areas.OrderDescending(), areas);
        Assert.All(faces, f => Assert.Null(f.Attributes));
        Assert.All(faces, f => Assert.InRange(f.Confidence, 50.0, 100.0));
    }

    [Fact]
    public void EveryBlazeFaceFaceOnSample1IsAmongTheResults()
    {
        var faces = Analyzer.Value.Analyze(FaceSamples.Sample1);
        var image = FaceSamples.Sample1;

        foreach (var expected in FaceSamples.Sample1Faces)
        {
            var (cx, cy) = ((expected.Left + expected.Width / 2) / image.Width, (expected.Top + expected.Height / 2) / image.Height);
            Assert.Single(faces, f => cx > f.BoundingBox.Left && cx < f.BoundingBox.Left + f.BoundingBox.Width && cy > f.BoundingBox.Top && cy < f.BoundingBox.Top + f.BoundingBox.Height);
        }
    }

    [Fact]
    public void AllAttributesGivesAttributesWhoseEmotionsSumToOneHundred()
    {
        var faces = Analyzer.Value.Analyze(FaceSamples.Sample1, FaceAnalysisAttributes.All);

        Assert.All(faces, f =>
        {
            var attributes = Assert.IsType<FaceAttributes>(f.Attributes);
            Assert.Equal(100, attributes.Emotions.Sum(e => e.Confidence), 1e-3);
            Assert.Equal(attributes.Emotions.OrderByDescending(e => e.Confidence), attributes.Emotions);
            Assert.True(attributes.AgeRange.Low <= attributes.AgeRange.High);
            Assert.InRange(attributes.Gender.Confidence, 50.0, 100.0);
        });
    }

    [Fact]
    public void ConcurrentCallsGiveTheSameAnswerAsOneCall()
    {
        var expected = Analyzer.Value.Analyze(FaceSamples.Sample1, FaceAnalysisAttributes.All);

        var results = new IReadOnlyList<FaceDetail>[4];
        Parallel.For(0, results.Length, i => results[i] = Analyzer.Value.Analyze(FaceSamples.Sample1, FaceAnalysisAttributes.All));

        Assert.All(results, r =>
        {
            Assert.Equal(expected.Select(f => f.BoundingBox), r.Select(f => f.BoundingBox));
            Assert.Equal(expected.Select(f => f.Pose), r.Select(f => f.Pose));
            Assert.Equal(expected.Select(f => f.Attributes!.AgeRange), r.Select(f => f.Attributes!.AgeRange));
        });
    }

    [Fact]
    public void TheLandmarkOverlapIsOneForLandmarksFillingTheBoxAndZeroForDisjointOnes()
    {
        var face = new DetectedFace(0, 0, 100, 100, 0.9f, []);
        var filling = new FaceLandmarks68(Enumerable.Range(0, 68).Select(i => (i % 2 == 0 ? 0.0 : 100.0, i % 4 < 2 ? 0.0 : 100.0)).ToList());
        var elsewhere = new FaceLandmarks68(Enumerable.Range(0, 68).Select(i => (200.0 + i, 200.0 + i)).ToList());

        Assert.Equal(1, FaceLocator.LandmarkOverlap(face, filling), 1e-12);
        Assert.Equal(0, FaceLocator.LandmarkOverlap(face, elsewhere), 1e-12);
    }
}
