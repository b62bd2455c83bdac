using OpenQA.Selenium;

namespace Likeness.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class ReviewsPageTests(ConsoleServer server)
{
    [Fact]
    public void AReviewerConfirmsACandidateMatchAndTheAuditTrailShowsTheDecision()
    {
        using var browser = server.OpenBrowser();
        var caseId = $"case-{Guid.NewGuid():N}"[..16];

        // The approved NGO searches at 99 with a case id: the default policy queues its matches for review.
        browser.SignIn(server.Ngo);
        browser.Go("Collections", "Collections");
        CollectionsPageTests.CreateAndIndex(browser, $"ngo-{Guid.NewGuid():N}"[..16], server.GroupPhoto, "victim-photo");
        browser.Upload("#search-file", server.GroupPhoto);
        var slider = browser.Find("#search-threshold");
        slider.SendKeys(Keys.End);       // 100
        slider.SendKeys(Keys.ArrowLeft); // 99.5
        slider.SendKeys(Keys.ArrowLeft); // 99
        Assert.Equal("99", browser.Find("#search-threshold-value").Text);
        browser.Type("#search-case-id", caseId);
        browser.Find("#search-button").Click();
        browser.WaitForText("#review-notice", "Queued for human review");
        var reviewIds = browser.Find("#review-ids").Text.Split(", ");
        Assert.NotEmpty(reviewIds);

        // Without the reviewer role the Reviews page says which role is needed and how it is granted.
        browser.Go("Reviews", "Reviews");
        var needed = browser.WaitForText("#review-role-needed", "reviewer role");
        Assert.Contains("AccessDeniedException", needed, StringComparison.Ordinal);
        Assert.Contains($"likeness keys role add {server.Ngo.AccessKeyId} reviewer", needed, StringComparison.Ordinal);
        browser.SignOut();

        browser.SignIn(server.Operator);
        browser.Go("Reviews", "Reviews");
        browser.Type("#review-case-id", caseId);
        browser.Find("#review-show").Click();
        var card = $".review-card[data-review-id='{reviewIds[0]}']";
        browser.WaitForText(card, caseId);
        Assert.Equal(reviewIds.Length, browser.FindAll(".review-card.pending").Count);
        browser.Find($"{card} .review-note").SendKeys("Same person as in the case file photo.");
        browser.Find($"{card} .review-confirm").Click();
        browser.WaitForText("#review-decided", $"Review {reviewIds[0]} confirmed");
        browser.Until(d => d.FindElements(By.CssSelector(card)).Count == 0); // gone from the pending list

        browser.Go("Audit trail", "Audit trail");
        browser.WaitForText("#chain-verdict", "Chain intact");
        browser.Type("#trail-case-id", caseId);
        browser.Find("#trail-search-button").Click();
        var trail = browser.WaitForText("#trail-table", "review-confirmed");
        Assert.Contains("allowed-pending-review", trail, StringComparison.Ordinal); // the search that queued it
        Assert.Contains(ConsoleServer.ReviewerId, trail, StringComparison.Ordinal);
    }
}
