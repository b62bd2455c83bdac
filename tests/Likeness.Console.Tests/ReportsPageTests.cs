using OpenQA.Selenium;

namespace Likeness.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class ReportsPageTests(ConsoleServer server)
{
    [Fact]
    public void AnAuditReportIsShownInAFrameThatRunsNoScriptsAndAnAlteredReportIsFlagged()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var intact = server.RecordAudit($"intact-{suffix}", """
            <!doctype html><html><body><h1>Report</h1><p id="marker">as written</p>
            <script>document.getElementById('marker').textContent = 'a script ran';</script></body></html>
            """);
        var altered = server.RecordAudit($"altered-{suffix}", "<!doctype html><html><body><h1>Altered</h1></body></html>");
        File.AppendAllText(altered.ReportPath, "\n"); // the JSON no longer has the SHA-256 recorded with the audit

        using var browser = server.OpenBrowser();
        browser.SignIn(server.Operator);
        browser.Go("Reports", "Reports");
        browser.WaitFor("#audit-table");
        Assert.Contains("report intact", Row(browser, intact.Id).Text, StringComparison.Ordinal);
        Assert.Contains("report altered", Row(browser, altered.Id).Text, StringComparison.Ordinal);

        Row(browser, intact.Id).FindElement(By.CssSelector(".audit-view")).Click();
        var frame = browser.WaitFor("#audit-frame");
        Assert.Equal("", frame.GetAttribute("sandbox")); // neither allow-scripts nor allow-same-origin
        Assert.False(string.IsNullOrEmpty(frame.GetAttribute("title")));
        browser.Driver.SwitchTo().Frame(frame);
        try
        {
            Assert.Equal("as written", browser.Find("#marker").Text);
        }
        finally
        {
            browser.Driver.SwitchTo().DefaultContent();
        }
    }

    private static IWebElement Row(ConsoleBrowser browser, string auditId) =>
        browser.FindAll("#audit-table tbody tr").Single(row => row.Text.Contains(auditId, StringComparison.Ordinal));
}
