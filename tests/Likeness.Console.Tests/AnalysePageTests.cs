using System.Globalization;

namespace Likeness.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class AnalysePageTests(ConsoleServer server)
{
    [Fact]
    public async Task UploadingAFacePhotoShowsOneBoxPerFace()
    {
        using var client = new SignedClient(server.Server.Endpoint, server.Operator);
        var expected = (await client.DetectFaces(server.GroupPhoto)).GetProperty("FaceDetails").GetArrayLength();
        Assert.True(expected >= 3, $"face-api's sample1.jpg shows three people or more; DetectFaces found {expected}");

        using var browser = server.OpenBrowser();
        browser.SignIn(server.Operator);
        browser.Upload("#detect-file", server.GroupPhoto);
        browser.WaitForText("#detect-summary", $"{expected} faces found");

        Assert.Equal(expected, browser.FindAll("#detect-overlay .face-box").Count);
        Assert.Equal(expected, browser.FindAll(".face-card").Count);
        Assert.True(browser.FindAll("#detect-overlay .landmark").Count >= expected * 5, "five landmarks or more per face");
        var card = browser.Find(".face-card").Text;
        foreach (var attribute in new[] { "Age range", "Gender", "Pose", "Quality" }) Assert.Contains(attribute, card, StringComparison.Ordinal);

        // The overlay covers the photo exactly, so the boxes sit on the faces at any size.
        var photo = browser.Find("#detect-photo");
        var overlay = browser.Find("#detect-overlay");
        Assert.Equal(photo.Size, overlay.Size);
        Assert.Equal(photo.Location, overlay.Location);
        Assert.False(string.IsNullOrWhiteSpace(photo.GetAttribute("alt")));
    }

    [Fact]
    public void ComparingAPhotoWithItselfMatchesAndSaysWhatTheThresholdMeans()
    {
        using var browser = server.OpenBrowser();
        browser.SignIn(server.Operator);
        browser.Upload("#compare-source", server.GroupPhoto);
        browser.Upload("#compare-target", server.GroupPhoto);
        browser.Type("#compare-threshold", "90");
        browser.WaitForText("#compare-threshold-meaning", "At 90");
        browser.Find("#compare-button").Click();

        var verdict = browser.WaitForText("#compare-verdict", "Match");
        Assert.Contains("at or above 90", verdict, StringComparison.Ordinal);
        var similarity = double.Parse(browser.Find("#compare-matches .similarity").Text.TrimEnd('%'), CultureInfo.InvariantCulture);
        Assert.InRange(similarity, 90, 100);
        // The shipped calibration: 10 Similarity points per decade of FMR above 40, so 90 is one in 100,000.
        Assert.Contains("false-match rate ≈ 1 in 100,000", browser.Find("#compare-meaning").Text, StringComparison.Ordinal);
    }
}
