namespace Likeness.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class SignInTests(ConsoleServer server)
{
    [Fact]
    public void SigningInWithAValidKeyShowsTheAccountAndAWrongSecretShowsTheSignatureError()
    {
        using var browser = server.OpenBrowser();
        browser.SignIn(server.Ngo);
        Assert.Equal("anti-trafficking-victim-identification", browser.Find("#identity-use-case").Text);
        Assert.Equal("none", browser.Find("#identity-roles").Text);
        Assert.Contains("Thorn", browser.Find("#identity").Text, StringComparison.Ordinal);
        Assert.Equal("Analyse", browser.Find("main h1").Text);
        // Signing in is a navigation the user asked for: keyboard and screen-reader users start at the new page's heading.
        browser.Until(_ => browser.Execute("return document.activeElement.tagName;") as string == "H1");

        browser.SignOut();
        Assert.False(browser.Find("#nav").Displayed, "the nav bar is hidden once signed out");
        Assert.Equal(0L, browser.Execute("return sessionStorage.length;"));

        browser.SubmitSignIn(server.Ngo.AccessKeyId, server.Ngo.SecretAccessKey + "x");
        var alert = browser.WaitForAlert();
        Assert.Contains("InvalidSignatureException", alert, StringComparison.Ordinal);
        Assert.Contains("The request signature we calculated does not match the signature you provided", alert, StringComparison.Ordinal);
        Assert.Equal(0L, browser.Execute("return sessionStorage.length;"));
        Assert.True(browser.Find("#access-key-id").Displayed, "the sign-in form stays");
    }

    [Fact]
    public void AKeyThatWasSignedInSurvivesAReloadButNotSigningOut()
    {
        using var browser = server.OpenBrowser();
        browser.SignIn(server.Operator);
        browser.Driver.Navigate().Refresh();
        browser.Until(d => d.FindElement(OpenQA.Selenium.By.Id("identity-account")).Text == server.Operator.AccountId);
        var roles = browser.Find("#identity-roles").Text;
        Assert.Contains("reviewer", roles, StringComparison.Ordinal);
        Assert.Contains("governance", roles, StringComparison.Ordinal);
        browser.SignOut();
        browser.Driver.Navigate().Refresh();
        browser.WaitFor("#access-key-id");
    }
}
