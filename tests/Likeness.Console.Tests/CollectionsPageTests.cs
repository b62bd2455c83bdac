using OpenQA.Selenium;

namespace Likeness.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class CollectionsPageTests(ConsoleServer server)
{
    [Fact]
    public void CreatingACollectionIndexingAPhotoAndSearchingByImageFindsTheIndexedFace()
    {
        using var browser = server.OpenBrowser();
        browser.SignIn(server.Operator);
        browser.Go("Collections", "Collections");
        var collection = $"console-{Guid.NewGuid():N}"[..20];
        CreateAndIndex(browser, collection, server.GroupPhoto, "group-photo");
        Assert.Equal("3", browser.Find("#collection-face-count").Text);
        Assert.Equal(3, browser.FindAll("#face-table tbody tr").Count);
        Assert.Contains("group-photo", browser.Find("#face-table").Text, StringComparison.Ordinal);

        // The slider's live estimate: FMR(t) x N with N the collection's 3 faces.
        var expected = browser.WaitForText("#search-fmr", "collection of 3 faces");
        Assert.Contains("FMR(80) × 3", expected, StringComparison.Ordinal);
        browser.Find("#search-threshold").SendKeys(Keys.End);
        browser.WaitForText("#search-fmr", "FMR(100) × 3");

        browser.Upload("#search-file", server.GroupPhoto);
        browser.Find("#search-button").Click();
        browser.WaitFor("#search-matches");
        Assert.Contains("group-photo", browser.Find("#search-matches").Text, StringComparison.Ordinal);
        Assert.Empty(browser.FindAll("#review-notice")); // no policy rule asks this account for review

        DeleteCollection(browser, collection);
    }

    [Fact]
    public void ALawEnforcementKeySearchingACollectionSeesTheMoratoriumDenialWithItsRuleIdAndReason()
    {
        using var browser = server.OpenBrowser();
        browser.SignIn(server.Police);
        browser.Go("Collections", "Collections");
        var collection = $"police-{Guid.NewGuid():N}"[..20];
        CreateAndIndex(browser, collection, server.GroupPhoto, "mugshot"); // indexing is not restricted by the moratorium

        browser.Upload("#search-file", server.GroupPhoto);
        browser.Type("#search-case-id", "case-2024-117");
        browser.Find("#search-button").Click();
        var alert = browser.WaitForAlert();
        Assert.Contains("AccessDeniedException: ", alert, StringComparison.Ordinal);
        Assert.Contains("police-moratorium-2020", alert, StringComparison.Ordinal);
        Assert.Contains("until further notice", alert, StringComparison.Ordinal);
        Assert.Empty(browser.FindAll("#search-matches"));
    }

    /// <summary>Creates a collection, opens it and indexes a photo under an external image id.</summary>
    internal static void CreateAndIndex(ConsoleBrowser browser, string collection, string photo, string externalId)
    {
        browser.Type("#new-collection-id", collection);
        browser.Find("#create-collection").Click();
        browser.WaitForText("#collection-title", collection);
        browser.Upload("#index-file", photo);
        browser.Type("#index-external-id", externalId);
        browser.Find("#index-button").Click();
        browser.WaitForText("#index-summary", "Indexed");
        browser.WaitFor("#face-table");
    }

    internal static void DeleteCollection(ConsoleBrowser browser, string collection)
    {
        browser.Find($"#collection-list li[data-collection='{collection}'] .collection-delete").Click();
        browser.WaitFor(".collection-confirm-delete").Click();
        browser.Until(d => d.FindElements(By.CssSelector($"#collection-list li[data-collection='{collection}']")).Count == 0);
        Assert.Empty(browser.FindAll("#collection-title"));
    }
}
