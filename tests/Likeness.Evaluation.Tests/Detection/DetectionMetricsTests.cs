using Likeness.Evaluation.Detection;

namespace Likeness.Evaluation.Tests.Detection;

public sealed class DetectionMetricsTests
{
    [Fact]
    public void TheThresholdAdmitsExactlyTheFalsePositiveBudget()
    {
        // 4 images, FPPI 0.5 → at most 2 false positives: the two at 0.9 and 0.8; the third (0.7) must fall below.
        var point = FppiOperatingPoint.Choose([0.9f, 0.3f, 0.7f, 0.8f], images: 4, targetFppi: 0.5, floor: 0.05f);

        Assert.True(point.Threshold > 0.7f && point.Threshold <= 0.71f);
        Assert.Equal(0.5, point.Fppi);
    }

    [Fact]
    public void WithFewerFalsePositivesThanTheBudgetEveryDetectionCounts()
    {
        var point = FppiOperatingPoint.Choose([0.9f], images: 4, targetFppi: 1.0, floor: 0.05f);

        Assert.Equal(0.05f, point.Threshold);
        Assert.Equal(0.25, point.Fppi);
    }

    [Fact]
    public void RecallIsReadPerSizeBandAtThePooledThreshold()
    {
        // Two images. Faces: a 50 px one found at 0.95, a 50 px one found at 0.6, a 30 px one found at 0.85,
        // a 10 px one missed, and an invalid one that must not count. False positives: 0.9 and 0.7.
        WiderImage[] images =
        [
            new("a.jpg", [new(0, 0, 50, 50, false), new(100, 0, 30, 30, false), new(200, 0, 10, 10, false)]),
            new("b.jpg", [new(0, 0, 50, 50, false), new(300, 0, 60, 60, true)]),
        ];
        ImageMatch[] matches =
        [
            new([0.95f, 0.85f, null], [0.9f], 0),
            new([0.6f, null], [0.7f], 1),
        ];

        var result = DetectionMetrics.Compute("test", images, matches, [0.5, 1.0], 0.05f, 1.0);

        // FPPI 0.5 allows 1 FP: threshold just above 0.7 → found 0.95 and 0.85 of 4 faces; the ≥ 40 px band 1 of 2.
        // FPPI 1.0 allows both: every matched face counts → 3 of 4, and 2 of 2 at ≥ 40 px.
        Assert.Equal(4, result.Faces);
        Assert.Equal(1, result.IgnoredFaces);
        var all = result.Groups.Single(g => g.Category == "all");
        Assert.Equal([0.5, 0.75], all.Points.Select(p => p.Recall));
        var large = result.Groups.Single(g => g.Group == "≥ 40 px");
        Assert.Equal([1, 2], large.Points.Select(p => p.Found));
        var mid = result.Groups.Single(g => g.Group == "20-40 px");
        Assert.Equal([1, 1], mid.Points.Select(p => p.Found));
        var small = result.Groups.Single(g => g.Group == "< 20 px");
        Assert.Equal([0, 0], small.Points.Select(p => p.Found));
    }
}
