using Likeness.Vision.Faces.Embedding;
using Likeness.Vision.Faces.Similarity;

namespace Likeness.Vision.Tests.Faces.Similarity;

public sealed class SimilarityCalibrationTests
{
    private const double Tolerance = 1e-9;

    private static SimilarityCalibration Shipped => SimilarityCalibration.Default;

    // A small table with the shipped mapping's shape: FMR 1 up to 40, then a decade per 10 points.
    private static SimilarityCalibrationTable SmallTable(string modelId = "test/model") => new()
    {
        ModelId = modelId,
        RawScore = "test",
        Mapping = "test",
        FittedOn = "none",
        Date = "2026-11-22",
        ImpostorPairs = 1_000_000,
        GenuinePairs = 0,
        TailModel = "none",
        Points =
        [
            new(0, 0.0, 1, 1_000_000, false),
            new(40, 0.2, 1, 1_000_000, false),
            new(60, 0.5, 1e-2, 10_000, false),
            new(80, 0.6, 1e-4, 100, false),
            new(100, 0.7, 1e-6, 1, true),
        ],
    };

    [Fact]
    public void TheShippedCalibrationIsForTheDefaultEmbedder()
    {
        Assert.Equal(FaceEmbedderSpec.Default.ModelId, Shipped.ModelId);
        Assert.True(Shipped.Table.ImpostorPairs > 1_000_000, $"{Shipped.Table.ImpostorPairs} impostor pairs");
    }

    [Fact]
    public void SimilarityIsMonotoneOverTheWholeRawRange()
    {
        var calibration = Shipped;
        var previous = double.NegativeInfinity;
        for (var raw = -0.5; raw <= 1.5; raw += 1e-4)
        {
            var similarity = calibration.Similarity(raw);
            Assert.InRange(similarity, 0, 100);
            Assert.True(similarity >= previous, $"Similarity fell from {previous} to {similarity} at raw {raw}");
            previous = similarity;
        }
        Assert.Equal(0, calibration.Similarity(double.NegativeInfinity));
        Assert.Equal(100, calibration.Similarity(double.PositiveInfinity));
    }

    [Fact]
    public void TheFalseMatchRateFallsAsTheThresholdRises()
    {
        var previous = double.PositiveInfinity;
        for (var threshold = 0.0; threshold <= 100; threshold += 0.05)
        {
            var rate = Shipped.EstimatedFalseMatchRate(threshold);
            Assert.True(rate <= previous, $"FMR rose from {previous} to {rate} at {threshold}");
            previous = rate;
        }
    }

    [Fact]
    public void TheShippedCalibrationAgreesWithItsTablePoints()
    {
        foreach (var point in Shipped.Table.Points)
        {
            Assert.Equal(point.Similarity, Shipped.Similarity(point.RawScore), Tolerance);
            Assert.Equal(point.RawScore, Shipped.RawScore(point.Similarity), Tolerance);
            Assert.Equal(point.FalseMatchRate, Shipped.EstimatedFalseMatchRate(point.Similarity), point.FalseMatchRate * 1e-9);
        }
    }

    [Fact]
    public void RawScoreInvertsSimilarity()
    {
        for (var similarity = 0.0; similarity <= 100; similarity += 0.25)
        {
            Assert.Equal(similarity, Shipped.Similarity(Shipped.RawScore(similarity)), 1e-6);
        }
        var first = Shipped.Table.Points[0].RawScore;
        var last = Shipped.Table.Points[^1].RawScore;
        for (var raw = first; raw <= last; raw += (last - first) / 997)
        {
            Assert.Equal(raw, Shipped.RawScore(Shipped.Similarity(raw)), 1e-9);
        }
    }

    [Fact]
    public void ExpectedFalseMatchesScaleWithTheGallerySize()
    {
        var perFace = Shipped.ExpectedFalseMatches(80, 1);
        Assert.Equal(perFace * 25_000, Shipped.ExpectedFalseMatches(80, 25_000), perFace * 1e-6);
        Assert.Equal(perFace * 20_000_000, Shipped.ExpectedFalseMatches(80, 20_000_000), perFace * 1e-3);
        Assert.Equal(0, Shipped.ExpectedFalseMatches(80, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Shipped.ExpectedFalseMatches(80, -1));
    }

    [Fact]
    public void EightyMapsToTheTablesFalseMatchRate()
    {
        var row = Shipped.Table.Points.Single(p => p.Similarity == 80);

        Assert.Equal(row.FalseMatchRate, Shipped.EstimatedFalseMatchRate(80), row.FalseMatchRate * 1e-9);
        Assert.Equal(1e-4, Shipped.EstimatedFalseMatchRate(80), 1e-12);
        Assert.False(Shipped.IsExtrapolated(80));
    }

    [Fact]
    public void RatesBetweenRowsAreLogLinearInSimilarity()
    {
        var calibration = new SimilarityCalibration(SmallTable());

        Assert.Equal(1e-3, calibration.EstimatedFalseMatchRate(70), 1e-12);
        Assert.Equal(0.55, calibration.RawScore(70), Tolerance);
        Assert.Equal(70, calibration.Similarity(0.55), Tolerance);
        Assert.Equal(1, calibration.EstimatedFalseMatchRate(20));
    }

    [Fact]
    public void RowsAboveTheLastMeasuredOneAreReportedAsExtrapolated()
    {
        var calibration = new SimilarityCalibration(SmallTable());

        Assert.Equal(80, calibration.HighestMeasuredSimilarity);
        Assert.False(calibration.IsExtrapolated(80));
        Assert.True(calibration.IsExtrapolated(80.5));
    }

    [Fact]
    public void ATableThatIsNotMonotoneIsRefused()
    {
        var table = SmallTable() with { Points = [new(0, 0, 1, 1, false), new(50, 0.6, 0.1, 1, false), new(80, 0.5, 1e-4, 1, false)] };

        var error = Assert.Throws<ArgumentException>(() => new SimilarityCalibration(table));
        Assert.Contains("not monotone", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmbeddingsOfAnotherModelAreRefused()
    {
        var calibration = new SimilarityCalibration(SmallTable("faceapi-recognition/dlib0.25/mirror"));
        var other = new FaceEmbedding("faceres/box0.2", [1, 0], FaceSimilarityMetric.Cosine);

        var error = Assert.Throws<ArgumentException>(() => calibration.Similarity(other, other));
        Assert.Contains("faceres/box0.2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoCalibrationShipsForAnotherModelOrCrop()
    {
        Assert.Throws<InvalidOperationException>(() => SimilarityCalibration.ForModel("faceres/box0.2"));
        var error = Assert.Throws<InvalidOperationException>(() => SimilarityCalibration.ForModel("faceapi-recognition/dlib0.25"));
        Assert.Contains("refit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATableSurvivesAJsonRoundTrip()
    {
        var table = SmallTable();
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(SimilarityCalibration.Write(table)));

        var read = SimilarityCalibration.Read(stream);

        Assert.Equal(table.ModelId, read.ModelId);
        Assert.Equal(table.Points, read.Points);
    }
}
