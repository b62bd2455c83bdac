using Likeness.Evaluation.Audits;
using Likeness.Evaluation.Statistics;
using Likeness.Vision.Faces.Embedding;

namespace Likeness.Evaluation.Tests.Audits;

public sealed class DemographicAuditTests
{
    // Group F: four people on a line at 0, 0.2, 5, 10 and a second photo of the first at 0.6; group M: two at 20 and 20.5.
    // Impostor pairs inside F: (0, 0.2) d 0.2 matches at 80 and 99; (0.6, 0.2) d 0.4 at 80; the rest are far apart.
    private static (AuditSubjectSet Set, FaceEmbedding?[] Embeddings) Faces()
    {
        var subjects = new List<AuditSubject>();
        var embeddings = new List<FaceEmbedding?>();
        void Add(string? identity, string gender, string race, float x)
        {
            subjects.Add(new AuditSubject($"{subjects.Count}.jpg", identity, new Dictionary<string, string> { ["gender"] = gender, ["race"] = race }));
            embeddings.Add(SyntheticFaces.At(x));
        }
        Add("p", "F", "A", 0);
        Add(null, "F", "A", 0.2f);
        Add(null, "F", "B", 5);
        Add(null, "F", "B", 10);
        Add("p", "F", "A", 0.6f);
        Add(null, "M", "A", 20);
        Add(null, "M", "B", 20.5f);
        subjects.Add(new AuditSubject("noface.jpg", null, new Dictionary<string, string> { ["gender"] = "M", ["race"] = "A" }));
        embeddings.Add(null);
        return (new AuditSubjectSet(subjects, ["gender", "race"], "test", 0), embeddings.ToArray());
    }

    private static DemographicAuditResult Run()
    {
        var (set, embeddings) = Faces();
        return DemographicAudit.Run(set, embeddings, SyntheticFaces.Calibration, [99, 80]);
    }

    [Fact]
    public void CountsImpostorAndMatedPairsOnce()
    {
        var result = Run();
        Assert.Equal([80.0, 99.0], result.Thresholds);
        Assert.Equal(8, result.Images);
        Assert.Equal(1, result.ImagesWithoutFace);
        Assert.Equal(1, result.MatedPairs); // the two photos of p
        Assert.Equal(20, result.ImpostorPairs); // C(7, 2) - 1
        // Impostor matches: (0, 0.2) at both; (0.2, 0.6) and (20, 20.5) at 80 only.
        Assert.Equal(3, result.OverallFalseMatch[0].Errors);
        Assert.Equal(1, result.OverallFalseMatch[1].Errors);
        Assert.Equal(1e-4, result.CalibratedFalseMatchRates[0], 1e-12);
    }

    [Fact]
    public void SameGroupRatesCountOnlyPairsInsideTheGroup()
    {
        var result = Run();
        var female = result.Groups.Single(g => g.Dimension == "gender" && g.Group == "F");
        Assert.Equal(5, female.Faces);
        Assert.Equal(9, female.FalseMatch[0].Trials); // C(5, 2) minus the mated pair
        Assert.Equal(2, female.FalseMatch[0].Errors);
        Assert.Equal(1, female.FalseMatch[1].Errors);
        Assert.Equal(2 / 9.0, female.FalseMatch[0].Rate, 1e-12);
        var male = result.Groups.Single(g => g.Dimension == "gender" && g.Group == "M");
        Assert.Equal(1, male.FalseMatch[0].Trials);
        Assert.Equal(1, male.FalseMatch[0].Errors);
        Assert.Equal(0, male.FalseMatch[1].Errors);
    }

    [Fact]
    public void MatedPairsGiveTheFalseNonMatchRateOfTheirGroup()
    {
        var result = Run();
        // p's photos are 0.6 apart: raw 0.625, above 80's 0.5, below 99's 0.8.
        var female = result.Groups.Single(g => g.Dimension == "gender" && g.Group == "F");
        Assert.Equal(0, female.FalseNonMatch[0].Errors);
        Assert.Equal(1, female.FalseNonMatch[1].Errors);
        Assert.Empty(result.Groups.Single(g => g.Dimension == "gender" && g.Group == "M").FalseNonMatch);
        Assert.Equal(1, result.OverallFalseNonMatch[1].Errors);
    }

    [Fact]
    public void TheFirstTwoDimensionsAreCrossedIntoCells()
    {
        var result = Run();
        var cell = result.Groups.Single(g => g.Dimension == "gender × race" && g.Group == "F A");
        Assert.Equal(3, cell.Faces); // 0, 0.2, 0.6
        Assert.Equal(2, cell.FalseMatch[0].Trials);
        Assert.Equal(2, cell.FalseMatch[0].Errors);
        var cross = result.CrossGroups.Single(c => c.Dimension == "gender" && c.GroupA == "F" && c.GroupB == "M");
        Assert.Equal(10, cross.FalseMatch[0].Trials);
        Assert.Equal(0, cross.FalseMatch[0].Errors);
    }

    [Fact]
    public void CurvesAndHistogramsDescribeEachGroup()
    {
        var result = Run();
        var female = result.Curves.Single(c => c.Dimension == "gender" && c.Group == "F");
        Assert.Equal(DemographicAudit.CurveSimilarities.Count, female.FalseMatchBySimilarity.Count);
        Assert.Equal(1.0, female.ImpostorHistogram.Sum(), 1e-9);
        Assert.Equal(DemographicAudit.HistogramBins, female.ImpostorHistogram.Count);
        Assert.NotEmpty(female.Det);
        for (var i = 1; i < female.FalseMatchBySimilarity.Count; i++)
        {
            Assert.True(female.FalseMatchBySimilarity[i].FalseMatchRate <= female.FalseMatchBySimilarity[i - 1].FalseMatchRate);
        }
    }

    [Fact]
    public void DifferentialNamesWorstAndBestGroupWithABoundTheDataSupports()
    {
        GroupErrorRates Group(string name, long errors) => new("race", name, 100, [ErrorRate.Of(errors, 1_000_000)], []);
        var differentials = DemographicAudit.Differentials("race", [Group("A", 10), Group("B", 100), Group("C", 40), new("race", "tiny", 3, [ErrorRate.Of(1, 3)], [])], [80]);
        var d = Assert.Single(differentials);
        Assert.Equal("B", d.WorstGroup);
        Assert.Equal("A", d.BestGroup);
        Assert.Equal(10, d.Ratio!.Value, 1e-9);
        var expectedBound = ErrorRate.Of(100, 1_000_000).Lower / ErrorRate.Of(10, 1_000_000).Upper;
        Assert.Equal(expectedBound, d.RatioLowerBound, 1e-12);
        Assert.InRange(d.RatioLowerBound, 3, 10); // the intervals narrow the 10x to "at least ~4.3x"
    }

    [Fact]
    public void ABestGroupWithoutFalseMatchesLeavesTheRatioUnknown()
    {
        GroupErrorRates Group(string name, long errors) => new("race", name, 100, [ErrorRate.Of(errors, 100_000)], []);
        var d = Assert.Single(DemographicAudit.Differentials("race", [Group("A", 0), Group("B", 5)], [99]));
        Assert.Null(d.Ratio);
        Assert.True(d.RatioLowerBound > 0);
    }

    [Fact]
    public void LevelCountsTheThresholdsAScoreReaches()
    {
        Assert.Equal(0, DemographicAudit.Level([0.5, 0.8], 0.49));
        Assert.Equal(1, DemographicAudit.Level([0.5, 0.8], 0.5));
        Assert.Equal(2, DemographicAudit.Level([0.5, 0.8], 0.9));
    }
}
