using System.Globalization;
using OpenQA.Selenium;

namespace Likeness.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class AccessibilityTests(ConsoleServer server)
{
    /// <summary>Each page by its nav link, its h1 and an element that is there once its first answer arrived.</summary>
    public static readonly (string Link, string Heading, string Loaded)[] Pages =
    [
        ("Analyse", "Analyse", "#compare-threshold-meaning:not(:empty)"),
        ("Collections", "Collections", "#collection-list li"),
        ("Reviews", "Reviews", "#review-list > *"),
        ("Audit trail", "Audit trail", "#chain-verdict"),
        ("Policies", "Policies", "#policy-rules"),
        ("Reports", "Reports", "#audit-list > *"),
    ];

    // Controls without a label (for=, wrapping label, aria-label or aria-labelledby), images without alt,
    // buttons and links without a name, and how many main landmarks there are.
    private const string AuditScript = """
        const named = (e) => (e.labels && e.labels.length > 0) || e.getAttribute('aria-label') || e.getAttribute('aria-labelledby');
        const controls = [...document.querySelectorAll('input, select, textarea')].filter((e) => e.type !== 'hidden' && !named(e));
        const images = [...document.querySelectorAll('img')].filter((e) => !e.hasAttribute('alt'));
        const nameless = [...document.querySelectorAll('button, a[href]')].filter((e) => !(e.textContent.trim() || e.getAttribute('aria-label')));
        const frames = [...document.querySelectorAll('iframe')].filter((e) => !e.title);
        return [
          ...controls.map((e) => 'unlabelled ' + e.tagName + '#' + e.id),
          ...images.map((e) => 'no alt: ' + e.src),
          ...nameless.map((e) => 'no name: ' + e.outerHTML.slice(0, 80)),
          ...frames.map((e) => 'untitled frame ' + e.id),
          ...(document.querySelectorAll('main').length === 1 ? [] : ['main landmarks: ' + document.querySelectorAll('main').length]),
          ...(document.querySelector('header') && document.querySelector('nav') ? [] : ['no header or nav']),
        ];
        """;

    [Fact]
    public void EveryPageHasAMainLandmarkLabelledInputsAndNoConsoleErrors()
    {
        using var browser = server.OpenBrowser();
        browser.Open();
        AssertAccessible(browser, "sign-in");
        browser.SignIn(server.Operator);
        foreach (var (link, heading, loaded) in Pages)
        {
            browser.Go(link, heading);
            browser.WaitFor(loaded);
            Assert.Equal("page", browser.Find($"nav a[href='#/{(link == "Audit trail" ? "trail" : link.ToLowerInvariant())}']").GetAttribute("aria-current"));
            AssertAccessible(browser, link);
        }

        // The states pages reach after an answer: faces described, a collection open, a report shown.
        browser.Go("Analyse", "Analyse");
        browser.Upload("#detect-file", server.GroupPhoto);
        browser.WaitFor(".face-card");
        AssertAccessible(browser, "Analyse with faces");
        browser.Go("Collections", "Collections");
        browser.Type("#new-collection-id", $"a11y-{Guid.NewGuid():N}"[..16]);
        browser.Find("#create-collection").Click();
        browser.WaitFor("#search-form");
        AssertAccessible(browser, "Collections with one open");
        browser.Go("Reports", "Reports");
        browser.Find("#accountability-button").Click();
        browser.WaitFor("#accountability-frame");
        Assert.Equal("", browser.Find("#accountability-frame").GetAttribute("sandbox")); // no scripts, no same origin
        AssertAccessible(browser, "Reports with the accountability report");
    }

    [Fact]
    public void TheKeyboardReachesTheNavigationWithAVisibleFocus()
    {
        using var browser = server.OpenBrowser();
        browser.SignIn(server.Operator);
        browser.Driver.Navigate().Refresh(); // a fresh load: the focus starts at the top of the document
        browser.WaitFor("#identity-account");
        browser.Press(Keys.Tab);
        Assert.Equal("skip-link", browser.Focused()); // the skip link comes first
        for (var i = 0; i < 12 && !IsCollectionsLink(browser); i++) browser.Press(Keys.Tab);
        Assert.True(IsCollectionsLink(browser), $"Tab never reached the Collections link; the focus is on {browser.Focused()}");
        Assert.NotEqual("none", browser.Execute("return getComputedStyle(document.activeElement).outlineStyle;"));
        browser.Press(Keys.Enter);
        browser.Until(d => d.FindElement(By.CssSelector("main h1")).Text == "Collections");
        Assert.Equal("H1", browser.Execute("return document.activeElement.tagName;")); // focus moves to the new page

        browser.Driver.Navigate().Refresh();
        browser.WaitFor("#identity-account");
        browser.Press(Keys.Tab, Keys.Enter); // the skip link jumps to the main content
        Assert.Equal("main", browser.Focused());
    }

    private static bool IsCollectionsLink(ConsoleBrowser browser) =>
        (bool)browser.Execute("return document.activeElement.getAttribute('href') === '#/collections';")!;

    [Fact]
    public void EveryPageFitsAPhoneScreen375PixelsWide()
    {
        using var browser = server.OpenPhoneBrowser();
        browser.SignIn(server.Operator);
        Assert.Equal(375L, Convert.ToInt64(browser.Execute("return window.innerWidth;"), CultureInfo.InvariantCulture));
        foreach (var (link, heading, loaded) in Pages)
        {
            browser.Go(link, heading);
            browser.WaitFor(loaded);
            var overflow = Convert.ToInt64(browser.Execute("return document.documentElement.scrollWidth - window.innerWidth;"), CultureInfo.InvariantCulture);
            Assert.True(overflow <= 0, $"{link} is {overflow} px wider than a 375 px screen");
        }
    }

    private static void AssertAccessible(ConsoleBrowser browser, string page)
    {
        var problems = ((IEnumerable<object>)browser.Execute(AuditScript)!).Select(p => (string)p).ToList();
        Assert.True(problems.Count == 0, $"{page}: {string.Join("; ", problems)}");
        var errors = browser.ConsoleErrors();
        Assert.True(errors.Count == 0, $"{page}: console errors: {string.Join(" | ", errors)}");
    }
}
