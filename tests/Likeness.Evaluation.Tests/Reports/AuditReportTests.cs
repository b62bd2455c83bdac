using System.Xml.Linq;
using Likeness.Evaluation.Audits;
using Likeness.Evaluation.Detection;
using Likeness.Evaluation.Reports;
using Likeness.Evaluation.Statistics;
using Likeness.Evaluation.Tests.Audits;
using Likeness.Vision.Faces.Embedding;

namespace Likeness.Evaluation.Tests.Reports;

public sealed class AuditReportTests
{
    private static DemographicAuditResult Demographics()
    {
        // Group B's faces crowd together (every pair a false match at 80), group A's are far apart.
        var subjects = new List<AuditSubject>();
        var embeddings = new List<FaceEmbedding?>();
        for (var i = 0; i < 50; i++)
        {
            subjects.Add(new AuditSubject($"a{i}.jpg", null, new Dictionary<string, string> { ["race"] = "A", ["gender"] = i % 2 == 0 ? "Female" : "Male" }));
            embeddings.Add(SyntheticFaces.At(10 * i));
            subjects.Add(new AuditSubject($"b{i}.jpg", null, new Dictionary<string, string> { ["race"] = "B", ["gender"] = i % 2 == 0 ? "Female" : "Male" }));
            embeddings.Add(SyntheticFaces.At(-1000, 0.01f * i));
        }
        return DemographicAudit.Run(new AuditSubjectSet(subjects, ["race", "gender"], "synthetic", 0), embeddings, SyntheticFaces.Calibration, [80, 99])
            with { Command = "likeness audit demographics --images x --labels y", CompletedAt = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero) };
    }

    [Fact]
    public void TheDemographicsPageSaysInPlainWordsWhichGroupIsMatchedMostOften()
    {
        var result = Demographics();
        var summary = DemographicAuditReport.Summary(result);
        Assert.Contains(summary, p => p.Contains("B faces were falsely matched with each other most often", StringComparison.Ordinal));
        var html = DemographicAuditReport.Html(result);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("In plain words", html);
        Assert.Contains("likeness audit demographics --images x --labels y", html);
        Assert.Contains("Differentials", html);
    }

    [Fact]
    public void EveryChartOnTheDemographicsPageIsWellFormedSvg()
    {
        var html = DemographicAuditReport.Html(Demographics());
        var charts = 0;
        for (var start = html.IndexOf("<svg", StringComparison.Ordinal); start >= 0; start = html.IndexOf("<svg", start + 1, StringComparison.Ordinal))
        {
            var end = html.IndexOf("</svg>", start, StringComparison.Ordinal) + "</svg>".Length;
            XDocument.Parse(html[start..end]);
            charts++;
        }
        Assert.True(charts >= 4, $"{charts} charts");
    }

    [Fact]
    public void TheFalseMatchPageComparesEachCountWithItsPrediction()
    {
        var count = new FalseMatchCount(80, 3, ErrorRate.Of(3, 10), 4, 1000, ErrorRate.Of(4, 1000), 0.1, 0.1, 0);
        var result = new FalseMatchAuditResult
        {
            ModelId = "m",
            ProbeSource = "p",
            GallerySource = "g",
            ProbeImages = 10,
            ProbesWithoutFace = 0,
            GalleryImages = 100,
            GalleryFaces = 100,
            Thresholds = [80],
            CalibratedFalseMatchRates = [1e-4],
            Groups = [new FalseMatchGroup("all", "all probes", 10, [count])],
            Examples = [new FalseMatchExample("/x/probe.jpg", "/y/gallery.jpg", 83.5)],
        };
        Assert.Contains(FalseMatchAuditReport.Summary(result), p => p.Contains("3 of 10 people searched", StringComparison.Ordinal) && p.Contains("predicted 0.1", StringComparison.Ordinal));
        var html = FalseMatchAuditReport.Html(result);
        Assert.Contains("probe.jpg", html);
        Assert.DoesNotContain("/x/probe.jpg", html); // file names only: the page may travel further than the data
    }

    [Fact]
    public void TheDetectionHeadlineNamesTheLowestAndHighestSkinType()
    {
        RecallPoint Point(int found, int n) => new(0.5, found, (double)found / n, 0, 1);
        var evaluation = new DetectionEvaluation("det", 10, 100, 0, 12, [new FppiOperatingPoint(0.5, 0.6f, 0.5)],
        [
            new GroupRecall("size", "≥ 40 px", 100, [Point(80, 100)]),
            new GroupRecall("skin, ≥ 40 px", "II", 50, [Point(45, 50)]),
            new GroupRecall("skin, ≥ 40 px", "VI", 30, [Point(21, 30)]),
            new GroupRecall("skin, ≥ 40 px", "Not Sure", 20, [Point(1, 20)]),
        ]);
        var headline = DetectionAuditReport.Headline(new DetectionAuditResult { Boxes = "b", Evaluation = evaluation });
        Assert.Contains("recall 80.0%", headline);
        Assert.Contains("from 70.0% (type VI) to 90.0% (type II)", headline);
    }

    [Theory]
    [InlineData(0.0, "none observed")]
    [InlineData(1e-4, "about 1 in 10,000")]
    [InlineData(2.3e-4, "about 1 in 4,300")]
    [InlineData(0.5, "about 1 in 2")]
    public void RatesReadAsOddsForPeopleWhoDoNotReadExponents(double rate, string text) => Assert.Equal(text, ReportFormat.OneIn(rate));

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(4.5e-5, "4.5e-5")]
    [InlineData(0.0123, "0.0123")]
    public void NumbersUseScientificNotationOnlyForSmallRates(double value, string text) => Assert.Equal(text, ReportFormat.Number(value));

    [Theory]
    [InlineData(0.0, "0.0%")]
    [InlineData(0.00029, "0.029%")]
    [InlineData(0.123, "12.3%")]
    public void ASmallNonzeroShareNeverReadsAsZeroPercent(double fraction, string text) => Assert.Equal(text, ReportFormat.Percent(fraction));
}
