using System.Globalization;
using Likeness.Server.Auth;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Likeness.Bench.Console;

/// <summary>
/// A fresh headless Chromium (Debian's, through its chromedriver) with a new, empty profile directory, so its HTTP
/// cache is empty and its first navigation is a cold load. Every figure is read inside the page: Navigation and
/// Resource Timing, and performance.now() marks set by a script Chromium runs in each new document before the page's
/// own scripts (DevTools' Page.addScriptToEvaluateOnNewDocument): when the first main h1 enters the DOM, when "Sign in"
/// is clicked, when the Analyse h1 enters the DOM, and when the Analyse page's threshold meaning is filled in from
/// GetCalibration. WebDriver's polling only decides when the figures are read, never what they are.
/// </summary>
public sealed class ColdBrowser : IDisposable
{
    /// <summary>How long any wait may take before the run fails.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    // MutationObserver callbacks run as microtasks right after the DOM change, so a mark is "in the DOM", before paint.
    private const string MarksScript = """
        (() => {
          const marks = window.__bench = { firstHeading: -1, clicked: -1, analyse: -1, complete: -1 };
          document.addEventListener('click', (e) => { if (e.target && e.target.id === 'sign-in') marks.clicked = performance.now(); }, true);
          new MutationObserver(() => {
            const now = performance.now();
            const h1 = document.querySelector('main h1');
            if (h1 && marks.firstHeading < 0) marks.firstHeading = now;
            if (h1 && h1.textContent === 'Analyse' && marks.analyse < 0) marks.analyse = now;
            const meaning = document.getElementById('compare-threshold-meaning');
            if (meaning && meaning.textContent && marks.complete < 0) marks.complete = now;
          }).observe(document, { childList: true, subtree: true, characterData: true });
        })();
        """;

    // Everything since this document's navigation started (performance.now() = 0); transferSize and
    // encodedBodySize are the responses' (headers + body, and body as sent), a 304 counting its headers only.
    private const string SnapshotScript = """
        const n = performance.getEntriesByType('navigation')[0];
        const all = [n, ...performance.getEntriesByType('resource')];
        const m = window.__bench || {};
        const whoAmI = m.clicked > 0 ? all.find((e) => e.initiatorType === 'fetch' && e.startTime >= m.clicked) : undefined;
        return {
          responseStart: n.responseStart, domContentLoaded: n.domContentLoadedEventEnd, load: n.loadEventEnd,
          requests: all.length,
          transferSize: all.reduce((s, e) => s + e.transferSize, 0),
          encodedBodySize: all.reduce((s, e) => s + e.encodedBodySize, 0),
          firstHeading: m.firstHeading ?? -1, clicked: m.clicked ?? -1, analyse: m.analyse ?? -1, complete: m.complete ?? -1,
          whoAmISent: whoAmI ? whoAmI.startTime : -1, whoAmIAnswered: whoAmI ? whoAmI.responseEnd : -1,
        };
        """;

    private readonly ChromeDriver _driver;
    private readonly string _profile = Path.Combine(Path.GetTempPath(), $"likeness-bench-console-{Guid.NewGuid():N}");

    /// <summary>Starts Chromium on a new profile directory and arms the in-page marks.</summary>
    public ColdBrowser()
    {
        var service = ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver");
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = "/usr/bin/chromium" };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900",
            "--no-first-run", "--disable-extensions", "--disable-background-networking", "--lang=en-GB", $"--user-data-dir={_profile}");
        _driver = new ChromeDriver(service, options, Patience);
        _driver.Manage().Timeouts().PageLoad = Patience;
        _driver.ExecuteCdpCommand("Page.addScriptToEvaluateOnNewDocument", new Dictionary<string, object?> { ["source"] = MarksScript });
    }

    /// <summary>Chromium's version, from the driver's capabilities.</summary>
    public string Version => _driver.Capabilities.GetCapability("browserVersion") as string ?? "unknown";

    /// <summary>Navigates to <paramref name="url"/> and returns the figures once `load` has ended and <paramref name="ready"/> holds.</summary>
    public PageSnapshot Open(Uri url, Func<PageSnapshot, bool> ready)
    {
        _driver.Navigate().GoToUrl(url);
        return Until(s => s.Load > 0 && ready(s));
    }

    /// <summary>
    /// Types the key into the sign-in form, clicks "Sign in" and returns the figures once the Analyse page is complete
    /// (WhoAmI, analyse.js and calibration.js, then GetCalibration filling in the threshold's meaning).
    /// </summary>
    public PageSnapshot SignIn(AccessKey key)
    {
        _driver.FindElement(By.Id("access-key-id")).SendKeys(key.AccessKeyId);
        _driver.FindElement(By.Id("secret-access-key")).SendKeys(key.SecretAccessKey);
        _driver.FindElement(By.Id("sign-in")).Click();
        return Until(s => s.Clicked > 0 && s.WhoAmISent > 0 && s.Analyse > 0 && s.Complete > 0);
    }

    /// <summary>Reloads the page (same browser, its cache now warm; the key is still in sessionStorage) until Analyse is complete again.</summary>
    public PageSnapshot Reload()
    {
        _driver.Navigate().Refresh();
        return Until(s => s.Load > 0 && s.Analyse > 0 && s.Complete > 0);
    }

    private PageSnapshot Until(Func<PageSnapshot, bool> done)
    {
        var wait = new WebDriverWait(_driver, Patience) { PollingInterval = TimeSpan.FromMilliseconds(50) };
        try
        {
            return wait.Until(_ => Snapshot() is { } s && done(s) ? s : null)!;
        }
        catch (WebDriverTimeoutException e)
        {
            var alert = _driver.FindElements(By.Id("alert")).FirstOrDefault()?.Text;
            throw new WebDriverTimeoutException($"{e.Message} The page's alert region said: '{alert}'. URL: {_driver.Url}", e);
        }
    }

    private PageSnapshot? Snapshot()
    {
        if (_driver.ExecuteScript(SnapshotScript) is not Dictionary<string, object> v) return null;
        double D(string name) => Convert.ToDouble(v[name], CultureInfo.InvariantCulture);
        return new PageSnapshot(D("responseStart"), D("domContentLoaded"), D("load"), (int)D("requests"), (long)D("transferSize"),
            (long)D("encodedBodySize"), D("firstHeading"), D("clicked"), D("whoAmISent"), D("whoAmIAnswered"), D("analyse"), D("complete"));
    }

    public void Dispose()
    {
        _driver.Quit();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be writing its profile as it exits; a leftover temporary directory is harmless.
        }
    }

    /// <summary>
    /// One document's figures, in ms since its navigation started (-1: not happened): Navigation Timing's responseStart,
    /// domContentLoadedEventEnd and loadEventEnd; requests (the document and every resource, fetch calls included) and the
    /// bytes of their responses; the marks (first main h1, the "Sign in" click, the Analyse h1, GetCalibration's text); and the
    /// first fetch after the click (WhoAmI: started once the request is signed, since the console signs before it fetches).
    /// </summary>
    public sealed record PageSnapshot(double ResponseStart, double DomContentLoaded, double Load, int Requests, long TransferSize,
        long EncodedBodySize, double FirstHeading, double Clicked, double WhoAmISent, double WhoAmIAnswered, double Analyse, double Complete);
}
