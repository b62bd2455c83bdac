using OpenQA.Selenium;

namespace Likeness.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class PoliciesPageTests(ConsoleServer server)
{
    [Fact]
    public void ThePolicySimulatorNamesThePoliceMoratoriumForALawEnforcementIdentification()
    {
        using var browser = server.OpenBrowser();
        browser.SignIn(server.Police);
        browser.Go("Policies", "Policies");
        browser.WaitFor("#policy-rules");
        Assert.Contains("police-moratorium-2020", browser.Find("#policy-rules").Text, StringComparison.Ordinal);
        Assert.Contains("\"rules\"", (string)browser.Execute("return document.getElementById('policy-json').textContent;")!, StringComparison.Ordinal);

        browser.Choose("#sim-operation", "SearchFacesByImage");
        browser.Type("#sim-case-id", "case-42");
        browser.Type("#sim-threshold", "99");
        browser.Find("#simulate-button").Click();
        Assert.Equal("Denied", browser.WaitFor("#simulate-verdict").Text);
        Assert.Equal("police-moratorium-2020", browser.Find("#simulate-rule").Text);
        Assert.Contains("until further notice", browser.Find("#simulate-reason").Text, StringComparison.Ordinal);

        // The same request on 1 June 2020, before the moratorium: allowed, under the law-enforcement floor.
        browser.Execute("const d = document.getElementById('sim-date'); d.value = '2020-06-01';");
        browser.Find("#simulate-button").Click();
        browser.Until(d => d.FindElement(By.Id("simulate-verdict")).Text == "Allowed");
        Assert.Contains("law-enforcement-floor", browser.Find("#simulate-decision").Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInvalidPolicyUploadShowsItsErrorInline()
    {
        using var browser = server.OpenBrowser();
        browser.SignIn(server.Operator);
        browser.Go("Policies", "Policies");
        browser.WaitFor("#policy-rules");
        var document = browser.Find("#policy-document");
        browser.Until(d => document.GetAttribute("value")!.Contains("police-moratorium-2020", StringComparison.Ordinal)); // starts as the active policy
        document.Clear();
        document.SendKeys("""{"version": "broken-1", "rules": [{"id": "no-effect", "match": {"operations": ["identification"]}}]}""");
        browser.Find("#policy-publish").Click();

        var errors = browser.WaitFor("#policy-error-list").Text;
        Assert.Contains("rules[0].effect", errors, StringComparison.Ordinal); // the path
        Assert.Contains("required property is missing", errors, StringComparison.Ordinal); // the message
        Assert.Equal("true", document.GetAttribute("aria-invalid"));
        Assert.Contains("policy-errors", document.GetAttribute("aria-describedby")!.Split(' '));
        Assert.Empty(browser.FindAll("#alert p")); // a validation error is shown beside the field, not as a failure
        // Nothing was published: the active policy is still the shipped one.
        Assert.DoesNotContain("broken-1", browser.Find("#policy-version").Text, StringComparison.Ordinal);
    }
}
