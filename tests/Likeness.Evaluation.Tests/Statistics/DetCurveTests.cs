using Likeness.Evaluation.Statistics;
using Xunit;

namespace Likeness.Evaluation.Tests.Statistics;

public sealed class DetCurveTests
{
    private static readonly double[] Genuine = [0.6, 0.7, 0.8, 0.9];
    private static readonly double[] Impostors = [0.1, 0.2, 0.3, 0.65];

    [Fact]
    public void APairAtTheThresholdMatches()
    {
        var point = DetCurve.At(Genuine, Impostors, 0.65);
        Assert.Equal(0.25, point.FalseMatchRate); // 0.65 itself
        Assert.Equal(0.25, point.FalseNonMatchRate); // 0.6
        Assert.Equal(0, DetCurve.At(Genuine, Impostors, 0.66).FalseMatchRate);
        Assert.Equal(0, DetCurve.At(Genuine, Impostors, 0.6).FalseNonMatchRate);
    }

    [Fact]
    public void RatesTradeOffMonotonicallyAlongTheCurve()
    {
        var points = DetCurve.Points(Genuine, Impostors);
        Assert.NotEmpty(points);
        for (var i = 1; i < points.Count; i++)
        {
            Assert.True(points[i].Threshold > points[i - 1].Threshold);
            Assert.True(points[i].FalseMatchRate <= points[i - 1].FalseMatchRate);
            Assert.True(points[i].FalseNonMatchRate >= points[i - 1].FalseNonMatchRate);
        }
        Assert.Contains(points, p => p.FalseMatchRate == 0.25);
    }

    [Fact]
    public void LargeSetsAreSampledPerDecadeNotPerScore()
    {
        var impostors = Enumerable.Range(0, 100_000).Select(i => i / 100_000.0).ToArray();
        var genuine = Enumerable.Range(0, 1000).Select(i => 0.5 + i / 2000.0).ToArray();
        var points = DetCurve.Points(genuine, impostors);
        Assert.InRange(points.Count, 20, 2 * (5 + 3) * DetCurve.PointsPerDecade + 2);
        Assert.Contains(points, p => p.FalseMatchRate == 1e-5); // the single highest impostor
    }

    [Fact]
    public void NoGenuineOrNoImpostorsGiveNoCurve()
    {
        Assert.Empty(DetCurve.Points([], Impostors));
        Assert.Empty(DetCurve.Points(Genuine, []));
    }
}
