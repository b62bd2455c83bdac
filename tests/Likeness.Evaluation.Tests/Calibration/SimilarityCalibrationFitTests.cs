using Likeness.Evaluation.Calibration;
using Likeness.Vision.Faces.Similarity;

namespace Likeness.Evaluation.Tests.Calibration;

public sealed class SimilarityCalibrationFitTests
{
    private static readonly SimilarityCalibrationTable Metadata = new()
    {
        ModelId = "test/model",
        RawScore = "test",
        Mapping = "test",
        FittedOn = "synthetic",
        Date = "2026-11-22",
        ImpostorPairs = 0,
        GenuinePairs = 0,
        TailModel = "",
        Points = [],
    };

    // Scores spread evenly over (0, 1): the fraction at or above t is 1 - t, so every quantile is known.
    private static double[] Uniform(int n) => Enumerable.Range(0, n).Select(i => (i + 0.5) / n).ToArray();

    [Fact]
    public void MeasuredRowsSitAtTheImpostorQuantileOfTheirRate()
    {
        var scores = Uniform(1_000_000);

        var calibration = new SimilarityCalibration(SimilarityCalibrationFit.Fit(scores, Metadata));

        // Similarity 50 means FMR 0.1: the 90th percentile. 80 means 1e-4.
        Assert.Equal(0.9, calibration.RawScore(50), 1e-5);
        Assert.Equal(1 - 1e-4, calibration.RawScore(80), 1e-5);
        Assert.Equal(1e-4, SimilarityCalibrationFit.MeasuredFalseMatchRate(scores, calibration.RawScore(80)), 1e-9);
        Assert.Equal(1e-4, calibration.EstimatedFalseMatchRate(80), 1e-12);
    }

    [Fact]
    public void RowsWithTooFewImpostorsAreExtrapolatedAndStillMonotone()
    {
        var table = SimilarityCalibrationFit.Fit(Uniform(1_000_000), Metadata);

        // 1e6 pairs: 10 events is FMR 1e-5, Similarity 90; above it the tail model takes over.
        Assert.All(table.Points.Where(p => p.Similarity <= 90), p => Assert.False(p.Extrapolated));
        Assert.All(table.Points.Where(p => p.Similarity > 90), p => Assert.True(p.Extrapolated));
        var calibration = new SimilarityCalibration(table); // throws unless strictly monotone
        Assert.Equal(90, calibration.HighestMeasuredSimilarity);
        Assert.Contains("extrapolated", table.TailModel, StringComparison.Ordinal);
    }

    [Fact]
    public void TheMappingIsTenPointsPerDecadeAboveForty()
    {
        Assert.Equal(1, SimilarityCalibrationFit.FalseMatchRateOf(30));
        Assert.Equal(1e-4, SimilarityCalibrationFit.FalseMatchRateOf(80), 1e-15);
        Assert.Equal(1e-6, SimilarityCalibrationFit.FalseMatchRateOf(100), 1e-17);
    }

    [Fact]
    public void TooFewImpostorsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => SimilarityCalibrationFit.Fit(Uniform(999), Metadata));
    }

    [Fact]
    public void UnsortedScoresAreRefused()
    {
        var scores = Uniform(2000);
        (scores[0], scores[1]) = (scores[1], scores[0]);

        Assert.Throws<ArgumentException>(() => SimilarityCalibrationFit.Fit(scores, Metadata));
    }

    [Fact]
    public void CountAtOrAboveCountsTiesAsAbove()
    {
        double[] scores = [0.1, 0.2, 0.2, 0.3];

        Assert.Equal(3, SimilarityCalibrationFit.CountAtOrAbove(scores, 0.2));
        Assert.Equal(0, SimilarityCalibrationFit.CountAtOrAbove(scores, 0.31));
        Assert.Equal(4, SimilarityCalibrationFit.CountAtOrAbove(scores, -1));
    }
}
