using Likeness.Governance.AuditTrail;
using Likeness.Governance.Reports;

namespace Likeness.Governance.Tests.Reports;

public sealed class UsageReportTests
{
    private static UsageSummary Summary(string? from = null, string? until = null) =>
        UsageReport.Summarise(ReportFixtures.Entries, ReportFixtures.SectorOf, ReportFixtures.Intact(8), from, until);

    [Fact]
    public void CountsEachMonthBySectorUseCaseOperationAndDecision()
    {
        var summary = Summary();

        Assert.Equal(["2021-01", "2021-02"], summary.Months.Select(m => m.Month));
        var january = summary.Months[0];
        Assert.Equal(4, january.Records);
        Assert.Equal(new Dictionary<string, long> { ["law-enforcement"] = 2, ["nonprofit"] = 2 }, january.BySector);
        Assert.Equal(new Dictionary<string, long> { ["(none)"] = 1, ["missing-person-identification"] = 1, ["public-safety-investigation"] = 2 }, january.ByUseCase);
        Assert.Equal(new Dictionary<string, long> { ["CompareFaces"] = 1, ["DetectFaces"] = 1, ["ReviewDecision"] = 1, ["SearchFacesByImage"] = 1 }, january.ByOperation);
        Assert.Equal(new Dictionary<string, long> { ["allowed"] = 2, ["allowed-pending-review"] = 1, ["review-confirmed"] = 1 }, january.ByDecision);
        Assert.Empty(january.DenialsByRule);
        Assert.Equal(new Dictionary<string, long> { ["confirmed"] = 1 }, january.ReviewsByOutcome);

        var february = summary.Months[1];
        Assert.Equal(4, february.Records);
        Assert.Equal(new Dictionary<string, long> { ["law-enforcement"] = 3, ["unregistered"] = 1 }, february.BySector);
        Assert.Equal(new Dictionary<string, long> { ["police-moratorium-2020"] = 2, ["unapproved-use-case"] = 1 }, february.DenialsByRule);
        Assert.Equal(new Dictionary<string, long> { ["rejected"] = 1 }, february.ReviewsByOutcome);
        Assert.Equal(8, summary.Records);
    }

    [Fact]
    public void MonthsAreUtcCalendarMonths()
    {
        var entry = ReportFixtures.Entry("2021-02-01T01:00:00+02:00", "ngo", "DetectFaces", "allowed");

        var summary = UsageReport.Summarise([entry], ReportFixtures.SectorOf, ReportFixtures.Intact(1));

        Assert.Equal("2021-01", Assert.Single(summary.Months).Month);
    }

    [Fact]
    public void FromAndUntilAreInclusiveMonths()
    {
        Assert.Equal(["2021-02"], Summary(from: "2021-02").Months.Select(m => m.Month));
        Assert.Equal(["2021-01"], Summary(until: "2021-01").Months.Select(m => m.Month));
        Assert.Empty(Summary(from: "2021-03").Months);
    }

    [Fact]
    public void RefusesAMonthNotInYearMonthForm() =>
        Assert.Throws<ArgumentException>(() => Summary(from: "2021-1"));

    [Fact]
    public void AsksForEachAccountsSectorOnce()
    {
        var asked = new List<string>();

        UsageReport.Summarise(ReportFixtures.Entries, a => { asked.Add(a); return ReportFixtures.SectorOf(a); }, ReportFixtures.Intact(8));

        Assert.Equal(["ngo", "police", "stranger"], asked.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ReportStartsWithTheChainStatusAndChartsDecisionsPerMonth()
    {
        var report = UsageReport.Build(Summary(), DateTimeOffset.Parse("2021-03-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

        var first = report.Sections[0];
        Assert.Equal("Audit trail", first.Heading);
        Assert.Contains("VERIFIED", Assert.IsType<ReportParagraph>(first.Blocks[0]).Text);
        var chart = report.Sections.SelectMany(s => s.Blocks).OfType<ReportBarChart>().Single();
        Assert.Equal(["2021-01", "2021-02"], chart.Categories);
        Assert.Equal(["allowed", "allowed-pending-review", "denied", "review-confirmed", "review-rejected"], chart.Series);
        Assert.Equal([2L, 1, 0, 1, 0], chart.Values[0]);
        Assert.Equal([0L, 0, 3, 0, 1], chart.Values[1]);
    }

    [Fact]
    public void ABrokenChainIsSaidAtTheTopOfBothFormats()
    {
        var broken = new AuditVerification(false, 3, 4, "record 4: hash does not match its content (changed)");
        var report = UsageReport.Build(UsageReport.Summarise(ReportFixtures.Entries, ReportFixtures.SectorOf, broken), DateTimeOffset.UnixEpoch);

        var markdown = MarkdownReportRenderer.Render(report);
        var html = HtmlReportRenderer.Render(report);

        Assert.Contains("NOT VERIFIED — record 4: hash does not match its content (changed)", markdown);
        Assert.Contains("NOT VERIFIED — record 4: hash does not match its content (changed)", html);
        Assert.True(markdown.IndexOf("NOT VERIFIED", StringComparison.Ordinal) < markdown.IndexOf("| decision |", StringComparison.Ordinal));
    }

    [Fact]
    public void MarkdownHasAPivotTablePerDimension()
    {
        var markdown = MarkdownReportRenderer.Render(UsageReport.Build(Summary(), DateTimeOffset.UnixEpoch));

        Assert.Contains("| sector | 2021-01 | 2021-02 | total |", markdown);
        Assert.Contains("| law-enforcement | 2 | 3 | 5 |", markdown);
        Assert.Contains("| police-moratorium-2020 | 0 | 2 | 2 |", markdown);
        Assert.Contains("| confirmed | 1 | 0 | 1 |", markdown);
    }
}
