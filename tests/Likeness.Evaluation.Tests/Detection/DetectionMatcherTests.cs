using Likeness.Evaluation.Detection;
using Likeness.Vision.Faces.Detection;

namespace Likeness.Evaluation.Tests.Detection;

public sealed class DetectionMatcherTests
{
    private static DetectedFace Box(float left, float top, float size, float confidence) => new(left, top, size, size, confidence, []);

    [Fact]
    public void ABoxOverlappingAtIouOneHalfOrMoreIsAHitAndOtherwiseAFalsePositive()
    {
        WiderFace[] truth = [new(0, 0, 100, 100, false)];
        // Shifted 20 px: intersection 80x100, union 12000 → IoU 0.667. Shifted 40 px: 6000/14000 = 0.43.
        var hit = DetectionMatcher.Match(truth, [Box(20, 0, 100, 0.9f)]);
        var miss = DetectionMatcher.Match(truth, [Box(40, 0, 100, 0.9f)]);

        Assert.Equal(0.9f, hit.MatchedConfidence[0]);
        Assert.Empty(hit.FalsePositives);
        Assert.Null(miss.MatchedConfidence[0]);
        Assert.Equal([0.9f], miss.FalsePositives);
    }

    [Fact]
    public void TheMoreConfidentOfTwoDetectionsOnOneFaceWinsAndTheOtherIsAFalsePositive()
    {
        var match = DetectionMatcher.Match([new(0, 0, 100, 100, false)], [Box(5, 0, 100, 0.6f), Box(0, 0, 100, 0.8f)]);

        Assert.Equal(0.8f, match.MatchedConfidence[0]);
        Assert.Equal([0.6f], match.FalsePositives);
    }

    [Fact]
    public void ADetectionOnAnInvalidFaceIsIgnoredNotCounted()
    {
        var match = DetectionMatcher.Match([new(0, 0, 100, 100, true)], [Box(0, 0, 100, 0.9f)]);

        Assert.Empty(match.FalsePositives);
        Assert.Equal(1, match.Ignored);
    }
}
