using System.Xml.Linq;
using Likeness.Governance.Reports;

namespace Likeness.Governance.Tests.Reports;

public sealed class HtmlReportRendererTests
{
    private static string UsageHtml() =>
        HtmlReportRenderer.Render(UsageReport.Build(UsageReport.Summarise(ReportFixtures.Entries, ReportFixtures.SectorOf, ReportFixtures.Intact(8)), DateTimeOffset.UnixEpoch));

    [Fact]
    public void DrawsAnInlineSvgBarChartAndIsSelfContained()
    {
        var html = UsageHtml();

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<svg xmlns=\"http://www.w3.org/2000/svg\"", html);
        Assert.Contains("<rect", html);
        Assert.Contains("<title>2021-02, denied: 3</title>", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
    }

    [Fact]
    public void IsWellFormedXmlOnceTheDoctypeIsRemoved()
    {
        var html = UsageHtml().Replace("<!DOCTYPE html>", "", StringComparison.Ordinal)
            .Replace("<meta charset=\"utf-8\">", "<meta charset=\"utf-8\"/>", StringComparison.Ordinal).Replace("<br>", "<br/>", StringComparison.Ordinal);

        var document = XDocument.Parse(html);

        Assert.Equal("html", document.Root!.Name.LocalName);
    }

    [Fact]
    public void EscapesMarkupInOperatorText()
    {
        var report = AccountabilityReport.Build(new AccountabilityReportInputs(
            new ReportConfiguration { AgencyName = "<script>alert(1)</script>", Purpose = "a & b" },
            ModelCard.Default, Likeness.Governance.Policy.PolicyDocument.Default, ReportFixtures.Intact(0), [], [], [], [],
            Likeness.Collections.FaceModel.Default.Calibration, DateTimeOffset.UnixEpoch));

        var html = HtmlReportRenderer.Render(report);
        var markdown = MarkdownReportRenderer.Render(report);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("a &amp; b", html);
        Assert.DoesNotContain("<script>", markdown, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", markdown);
    }

    [Fact]
    public void MarksMissingAnswersVisibly()
    {
        var html = HtmlReportRenderer.Render(new ReportDocument("t", "s", [new ReportSection("h", [new ReportParagraph("NOT PROVIDED", "Purpose", Missing: true)])]));

        Assert.Contains("<p class=\"missing\"><strong>Purpose:</strong> NOT PROVIDED</p>", html);
    }
}
