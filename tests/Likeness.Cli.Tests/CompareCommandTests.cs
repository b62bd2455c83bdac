using System.Text.Json;
using Likeness.Cli.Commands;
using Likeness.Models.Assets;
using Likeness.Models.Catalog;

namespace Likeness.Cli.Tests;

public sealed class CompareCommandTests
{
    private static readonly string Sample1 = InstalledAssets.Default().PackageFile(ModelCatalog.FaceApi, "demo/sample1.jpg");

    private static (int Code, string Stdout, string Stderr) Compare(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CompareCommand.Run(CliArguments.Parse(["compare", .. args], new HashSet<string> { "json" }), stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void JsonOutputHasRekognitionsCompareFacesShape()
    {
        var (code, stdout, stderr) = Compare(Sample1, Sample1, "--json");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(["SourceImageFace", "FaceMatches", "UnmatchedFaces"], root.EnumerateObject().Select(p => p.Name));
        var box = root.GetProperty("SourceImageFace").GetProperty("BoundingBox");
        Assert.Equal(["Width", "Height", "Left", "Top"], box.EnumerateObject().Select(p => p.Name));
        Assert.InRange(box.GetProperty("Width").GetDouble(), 0.001, 1);
        Assert.InRange(root.GetProperty("SourceImageFace").GetProperty("Confidence").GetDouble(), 50, 100);

        var matches = root.GetProperty("FaceMatches").EnumerateArray().ToList();
        var unmatched = root.GetProperty("UnmatchedFaces").EnumerateArray().ToList();
        // The source's largest face is in the target too, so it matches itself.
        Assert.True(matches.First().GetProperty("Similarity").GetDouble() >= 99, stdout);
        Assert.True(matches.First().GetProperty("Face").TryGetProperty("BoundingBox", out _));
        Assert.True(matches.Count + unmatched.Count >= 3, stdout);
        Assert.All(unmatched, u => Assert.True(u.TryGetProperty("Confidence", out _)));
        // stdout is exactly Rekognition's shape; the threshold's false-match rate goes to stderr.
        Assert.Contains("threshold 80: estimated false-match rate 0.0001", stderr);
    }

    [Fact]
    public void TheDefaultOutputIsATableWithTheThresholdsFalseMatchRate()
    {
        var (code, stdout, stderr) = Compare(Sample1, Sample1, "--threshold", "90");

        Assert.True(code == 0, stderr);
        Assert.Contains("largest face at", stdout);
        Assert.Contains("threshold 90: estimated false-match rate 1E-05", stdout);
        Assert.Contains("similarity  match", stdout);
        Assert.Contains(" yes ", stdout);
    }

    [Fact]
    public void AThresholdOutsideZeroToHundredIsAUsageError()
    {
        var error = Assert.Throws<CliUsageException>(() => Compare(Sample1, Sample1, "--threshold", "150"));
        Assert.Contains("0 to 100", error.Message);
    }

    [Fact]
    public void CompareNeedsTwoImages()
    {
        Assert.Throws<CliUsageException>(() => Compare(Sample1));
        Assert.Throws<CliUsageException>(() => Compare(Sample1, "/nonexistent/target.jpg"));
    }
}
