using System.Reflection;
using OpenQA.Selenium;

namespace Likeness.Console.Tests;

/// <summary>
/// Photographs every page in a state worth showing in the docs. The pages are always driven and shot (so
/// this is also a smoke test of each page with data on it); the PNGs are written to docs/console/PAGE.png only
/// when LIKENESS_SCREENSHOTS=1.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ScreenshotTests(ConsoleServer server)
{
    private static readonly bool Write = Environment.GetEnvironmentVariable("LIKENESS_SCREENSHOTS") == "1";

    [Fact]
    public void EveryPageIsPhotographedAndWrittenToTheDocsWhenAsked()
    {
        using var browser = server.OpenBrowser();
        browser.Open();
        Shoot(browser, "signin");

        // A candidate match awaiting review, so the Reviews page has something to decide.
        browser.SignIn(server.Ngo);
        browser.Go("Collections", "Collections");
        var ngoCollection = $"ngo-shots-{Guid.NewGuid():N}"[..18];
        CollectionsPageTests.CreateAndIndex(browser, ngoCollection, server.GroupPhoto, "case-file-photo");
        browser.Upload("#search-file", server.GroupPhoto);
        browser.Find("#search-threshold").SendKeys(Keys.End);
        browser.Type("#search-case-id", "case-2024-0042");
        browser.Find("#search-button").Click();
        browser.WaitFor("#review-notice");
        browser.SignOut();

        browser.SignIn(server.Operator);
        browser.Upload("#detect-file", server.GroupPhoto);
        browser.WaitFor(".face-card");
        Shoot(browser, "analyse");

        browser.Go("Collections", "Collections");
        var collection = $"staff-{Guid.NewGuid():N}"[..14];
        CollectionsPageTests.CreateAndIndex(browser, collection, server.GroupPhoto, "team-photo-2024");
        browser.Upload("#search-file", server.GroupPhoto);
        browser.Find("#search-button").Click();
        browser.WaitFor("#search-matches");
        Shoot(browser, "collections");

        browser.Go("Reviews", "Reviews");
        browser.WaitFor(".review-card");
        Shoot(browser, "reviews");

        browser.Go("Audit trail", "Audit trail");
        browser.WaitFor("#trail-table");
        browser.WaitFor("#chain-verdict");
        Shoot(browser, "trail");

        browser.Go("Policies", "Policies");
        browser.WaitFor("#policy-rules");
        browser.Choose("#sim-sector", "law-enforcement");
        browser.Type("#sim-case-id", "case-2024-0042");
        browser.Find("#simulate-button").Click();
        browser.WaitFor("#simulate-verdict");
        Shoot(browser, "policies");

        browser.Go("Reports", "Reports");
        browser.WaitFor("#audit-list > *");
        browser.Find("#accountability-button").Click();
        browser.WaitFor("#accountability-frame");
        Shoot(browser, "reports");
    }

    private static void Shoot(ConsoleBrowser browser, string page)
    {
        var png = browser.Screenshot();
        Assert.True(png.Length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', $"the {page} screenshot is not a PNG");
        if (!Write) return;
        var directory = Path.Combine(RepositoryRoot(), "docs", "console");
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, $"{page}.png"), png);
    }

    private static string RepositoryRoot() =>
        typeof(ScreenshotTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
}
