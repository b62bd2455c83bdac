using System.Collections.ObjectModel;
using Likeness.Server.Auth;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Chromium;
using OpenQA.Selenium.Support.UI;

namespace Likeness.Console.Tests;

/// <summary>
/// Debian's Chromium, headless, driven by its chromedriver, on the console: signing in, moving between pages and
/// waiting for what the page shows. Every wait is explicit, with patience for face models on two CPU cores.
/// </summary>
public sealed class ConsoleBrowser : IDisposable
{
    /// <summary>How long a wait may take before the test fails: model loading and detection on a slow CI machine.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly ChromeDriver _driver;
    private readonly Uri _console;

    public ConsoleBrowser(Uri consoleUrl, int width = 1280, int height = 900, bool phone = false)
    {
        _console = consoleUrl;
        var service = ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver");
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = "/usr/bin/chromium" };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", $"--window-size={width},{height}",
            "--no-first-run", "--disable-extensions", "--disable-background-networking", "--lang=en-GB");
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        if (phone) options.EnableMobileEmulation(new ChromiumMobileEmulationDeviceSettings("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Mobile Safari/537.36") { Width = width, Height = height, PixelRatio = 2, EnableTouchEvents = true });
        _driver = new ChromeDriver(service, options, Patience);
        _driver.Manage().Timeouts().AsynchronousJavaScript = Patience;
        _driver.Manage().Timeouts().PageLoad = Patience;
    }

    public IWebDriver Driver => _driver;

    /// <summary>Opens the console at a route (e.g. "analyse") and waits for the page's heading.</summary>
    public void Open(string route = "")
    {
        _driver.Navigate().GoToUrl(new Uri(_console, route.Length == 0 ? "" : $"#/{route}"));
        WaitFor("main h1");
    }

    /// <summary>Goes to a page through the nav bar, as a user would, and waits for its heading.</summary>
    public void Go(string linkText, string heading)
    {
        Find($"nav a[href='#/{PageOf(linkText)}']").Click();
        Until(d => d.FindElement(By.CssSelector("main h1")).Text == heading);
    }

    private static string PageOf(string linkText) => linkText switch
    {
        "Audit trail" => "trail",
        _ => linkText.ToLowerInvariant(),
    };

    /// <summary>Signs in with a key on a fresh console load and waits until the nav bar shows its account.</summary>
    public void SignIn(AccessKey key)
    {
        _driver.Navigate().GoToUrl(_console);
        SubmitSignIn(key.AccessKeyId, key.SecretAccessKey);
        Until(d => d.FindElement(By.Id("identity-account")).Text == key.AccountId);
    }

    /// <summary>Fills in and submits the sign-in form without waiting for the outcome.</summary>
    public void SubmitSignIn(string accessKeyId, string secret)
    {
        var keyId = WaitFor("#access-key-id");
        keyId.Clear();
        keyId.SendKeys(accessKeyId);
        Find("#secret-access-key").SendKeys(secret);
        Find("#sign-in").Click();
    }

    public void SignOut()
    {
        Find("#sign-out").Click();
        WaitFor("#access-key-id");
    }

    public IWebElement Find(string css) => _driver.FindElement(By.CssSelector(css));

    public ReadOnlyCollection<IWebElement> FindAll(string css) => _driver.FindElements(By.CssSelector(css));

    /// <summary>Waits for an element to be displayed and returns it.</summary>
    public IWebElement WaitFor(string css) => Until(d =>
    {
        var element = d.FindElement(By.CssSelector(css));
        return element.Displayed ? element : null;
    });

    /// <summary>Waits until an element's text contains <paramref name="text"/> and returns the whole text.</summary>
    public string WaitForText(string css, string text) => Until(d =>
    {
        var content = d.FindElement(By.CssSelector(css)).Text;
        return content.Contains(text, StringComparison.Ordinal) ? content : null;
    });

    /// <summary>Waits for the alert region to show an error and returns its text.</summary>
    public string WaitForAlert() => Until(d =>
    {
        var alert = d.FindElement(By.Id("alert"));
        return alert.Displayed && alert.Text.Length > 0 ? alert.Text : null;
    });

    /// <summary>Waits for <paramref name="condition"/> to return a non-null, non-false value.</summary>
    public T Until<T>(Func<IWebDriver, T?> condition)
    {
        var wait = new WebDriverWait(_driver, Patience) { PollingInterval = TimeSpan.FromMilliseconds(100) };
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        try
        {
            return wait.Until(condition)!;
        }
        catch (WebDriverTimeoutException e)
        {
            // Say what the page showed: the alert region usually explains why the wait was in vain.
            var alert = _driver.FindElements(By.Id("alert")).FirstOrDefault()?.Text;
            throw new WebDriverTimeoutException($"{e.Message} The page's alert region said: '{alert}'. URL: {_driver.Url}", e);
        }
    }

    /// <summary>Chooses a file in a file input (the same as picking it in the dialog).</summary>
    public void Upload(string css, string path) => Find(css).SendKeys(path);

    /// <summary>Types into a text field, replacing what it held.</summary>
    public void Type(string css, string text)
    {
        var field = Find(css);
        field.Clear();
        field.SendKeys(text);
    }

    /// <summary>Picks the option with <paramref name="value"/> in a select.</summary>
    public void Choose(string css, string value) => Find($"{css} option[value='{value}']").Click();

    /// <summary>Presses keys on whatever has the focus, as a keyboard user does.</summary>
    public void Press(params string[] keys)
    {
        var actions = new OpenQA.Selenium.Interactions.Actions(_driver);
        foreach (var key in keys) actions.SendKeys(key);
        actions.Perform();
    }

    /// <summary>The id (or, without one, the tag name) of the element that has the focus.</summary>
    public string Focused() => (string)Execute("const e = document.activeElement; return e.id || e.tagName;")!;

    public object? Execute(string script, params object[] args) => _driver.ExecuteScript(script, args);

    /// <summary>Runs an async script; it calls <c>arguments[arguments.length - 1]</c> with its result.</summary>
    public object? ExecuteAsync(string script, params object[] args) => _driver.ExecuteAsyncScript(script, args);

    /// <summary>The browser console's errors since the last call (SEVERE entries: script errors, failed loads, CSP violations).</summary>
    public IReadOnlyList<string> ConsoleErrors() => [.. _driver.Manage().Logs.GetLog(LogType.Browser)
        .Where(entry => entry.Level == LogLevel.Severe).Select(entry => entry.Message)];

    /// <summary>The whole page as PNG: the window is stretched to the document's height for the shot, then restored.</summary>
    public byte[] Screenshot()
    {
        var window = _driver.Manage().Window;
        var size = window.Size;
        var height = Convert.ToInt32(Execute("return Math.ceil(document.documentElement.scrollHeight);"), System.Globalization.CultureInfo.InvariantCulture);
        window.Size = new System.Drawing.Size(size.Width, Math.Clamp(height + (size.Height - InnerHeight()), size.Height, 4000));
        try
        {
            return _driver.GetScreenshot().AsByteArray;
        }
        finally
        {
            window.Size = size;
        }
    }

    private int InnerHeight() => Convert.ToInt32(Execute("return window.innerHeight;"), System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose() => _driver.Quit();
}
