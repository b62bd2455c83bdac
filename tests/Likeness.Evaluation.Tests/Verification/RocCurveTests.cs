using Likeness.Evaluation.Verification;

namespace Likeness.Evaluation.Tests.Verification;

public sealed class RocCurveTests
{
    // Ten impostors at 0.1 ... 1.0 and four genuine pairs.
    private static readonly double[] Scores = [.. Enumerable.Range(1, 10).Select(k => k / 10.0), 0.95, 0.85, 0.5, 0.05];
    private static readonly bool[] Same = [.. Enumerable.Repeat(false, 10), true, true, true, true];

    [Theory]
    [InlineData(0.1, 0.9, 0.25, 0.1)]   // one impostor (1.0) may pass: threshold 0.9, only 0.95 accepted
    [InlineData(0.2, 0.8, 0.5, 0.2)]    // two may pass: threshold 0.8, 0.95 and 0.85 accepted
    [InlineData(0.25, 0.8, 0.5, 0.2)]   // 2.5 rounds down to two
    public void TarIsMeasuredAtTheLowestThresholdWithinTheFar(double targetFar, double threshold, double tar, double far)
    {
        var point = RocCurve.TarAtFar(Scores, Same, targetFar);

        Assert.Equal(threshold, point.Threshold, 12);
        Assert.Equal(tar, point.Tar, 12);
        Assert.Equal(far, point.Far, 12);
        Assert.True(point.Resolvable);
        Assert.Equal((4, 10), (point.Genuine, point.Impostors));
    }

    [Fact]
    public void AFarBelowOneImpostorIsFlaggedUnresolvable()
    {
        var point = RocCurve.TarAtFar(Scores, Same, 0.05);

        Assert.False(point.Resolvable);
        Assert.Equal(1.0, point.Threshold, 12);
        Assert.Equal(0, point.Tar);
    }

    [Fact]
    public void OneThousandFiveHundredImpostorsJustResolveOneInAThousand()
    {
        double[] scores = [.. Enumerable.Range(0, 1500).Select(i => i / 1500.0), 2.0];
        bool[] same = [.. Enumerable.Repeat(false, 1500), true];

        var point = RocCurve.TarAtFar(scores, same, 1e-3);

        Assert.True(point.Resolvable);
        Assert.Equal(1.0 / 1500, point.Far, 12);
    }
}
