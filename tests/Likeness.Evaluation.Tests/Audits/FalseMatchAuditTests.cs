using Likeness.Collections;
using Likeness.Evaluation.Audits;
using Likeness.Vision.Faces.Embedding;

namespace Likeness.Evaluation.Tests.Audits;

public sealed class FalseMatchAuditTests
{
    private static readonly FaceModel Model = new("test", SyntheticFaces.ModelId, FaceSimilarityMetric.Euclidean, SyntheticFaces.Calibration);

    private static FalseMatchAuditResult Run()
    {
        var gallery = new AuditSubjectSet(
        [
            new AuditSubject("x.jpg", "x", new Dictionary<string, string>()),
            new AuditSubject("y.jpg", "y", new Dictionary<string, string>()),
            new AuditSubject("z.jpg", "z", new Dictionary<string, string>()),
            new AuditSubject("blank.jpg", "w", new Dictionary<string, string>()),
        ], [], "gallery", 0);
        FaceEmbedding?[] galleryEmbeddings = [SyntheticFaces.At(0.8f), SyntheticFaces.At(-0.8f), SyntheticFaces.At(0, 0.8f), null];
        var probes = new AuditSubjectSet(
        [
            new AuditSubject("p1.jpg", "x", new Dictionary<string, string> { ["gender"] = "F" }),
            new AuditSubject("p2.jpg", "q", new Dictionary<string, string> { ["gender"] = "M" }),
            new AuditSubject("p3.jpg", null, new Dictionary<string, string> { ["gender"] = "M" }),
            new AuditSubject("p4.jpg", null, new Dictionary<string, string> { ["gender"] = "F" }),
        ], ["gender"], "probes", 0);
        FaceEmbedding?[] probeEmbeddings =
        [
            SyntheticFaces.At(0.8f, 0, 0.1f), // x's own face: a true match at both thresholds
            SyntheticFaces.At(-0.8f, 0, 0, 0.5f), // 0.5 from y: raw 0.667, a false match at 80 only
            SyntheticFaces.At(0, 0.8f, 0, 0, 0.2f), // 0.2 from z: raw 0.833, a false match at 80 and 99
            null, // no face found
        ];
        return FalseMatchAudit.Run(probes, probeEmbeddings, gallery, galleryEmbeddings, Model, [80, 99], TextWriter.Null);
    }

    [Fact]
    public void CountsProbesMatchedToSomeoneElseAtEachThreshold()
    {
        var result = Run();
        Assert.Equal(3, result.GalleryFaces);
        Assert.Equal(1, result.ProbesWithoutFace);
        var all = result.Groups[0];
        Assert.Equal("all", all.Dimension);
        Assert.Equal(3, all.Probes);
        Assert.Equal(2, all.PerThreshold[0].ProbesWithFalseMatch);
        Assert.Equal(2, all.PerThreshold[0].FalseMatches);
        Assert.Equal(1, all.PerThreshold[1].ProbesWithFalseMatch);
        Assert.Equal(1, all.PerThreshold[0].TrueMatches);
        Assert.Equal(1, all.PerThreshold[1].TrueMatches);
    }

    [Fact]
    public void PredictsFromTheCalibrationOverNonMatedComparisons()
    {
        var all = Run().Groups[0];
        // p1 is compared with 2 other people, p2 and p3 with 3 each.
        Assert.Equal(8, all.PerThreshold[0].Comparisons);
        Assert.Equal(8 * 1e-4, all.PerThreshold[0].ExpectedFalseMatches, 1e-12);
        var expectedProbes = (1 - Math.Pow(1 - 1e-6, 2)) + 2 * (1 - Math.Pow(1 - 1e-6, 3));
        Assert.Equal(expectedProbes, all.PerThreshold[1].ExpectedProbesWithFalseMatch, 1e-12);
    }

    [Fact]
    public void BreaksCountsDownByProbeLabel()
    {
        var result = Run();
        var men = result.Groups.Single(g => g.Dimension == "gender" && g.Group == "M");
        Assert.Equal(2, men.Probes);
        Assert.Equal(2, men.PerThreshold[0].ProbesWithFalseMatch);
        var women = result.Groups.Single(g => g.Dimension == "gender" && g.Group == "F");
        Assert.Equal(1, women.Probes); // p4 had no face
        Assert.Equal(0, women.PerThreshold[0].ProbesWithFalseMatch);
    }

    [Fact]
    public void ListsTheFalseMatchesHighestFirst()
    {
        var examples = Run().Examples;
        Assert.Equal(2, examples.Count);
        Assert.Equal(("p3.jpg", "z.jpg"), (examples[0].Probe, examples[0].Gallery));
        Assert.True(examples[0].Similarity > examples[1].Similarity);
    }
}
