using System.Text.Json;
using Likeness.Imaging;
using Likeness.Models.Assets;
using Likeness.Models.Catalog;

namespace Likeness.Cli.Tests;

/// <summary>
/// The audit verbs end to end on the face-api package's six sample photos (each photo's central face a
/// different person): reports are written and well-formed; bad input gets one line and a non-zero exit.
/// </summary>
public sealed class AuditCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("likeness-audit-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static string Sample(int n) => InstalledAssets.Default().PackageFile(ModelCatalog.FaceApi, $"demo/sample{n}.jpg");

    private string Images(string name, params int[] samples)
    {
        var directory = Path.Combine(_root, name);
        Directory.CreateDirectory(directory);
        foreach (var n in samples) File.Copy(Sample(n), Path.Combine(directory, $"sample{n}.jpg"));
        return directory;
    }

    private string[] Common(params string[] args) => [.. args, "--data-dir", Path.Combine(_root, "data"), "--cache", Path.Combine(_root, "cache")];

    [Fact]
    public void ADemographicsAuditWritesVersionedJsonAndAReadablePage()
    {
        var images = Images("people", 1, 2, 3, 4, 5, 6);
        var labels = Path.Combine(_root, "labels.csv");
        File.WriteAllLines(labels, ["file,identity,group", "sample1.jpg,,a", "sample2.jpg,,a", "sample3.jpg,,a", "sample4.jpg,,b", "sample5.jpg,,b", "sample6.jpg,,b"]);
        var outDirectory = Path.Combine(_root, "report");

        var (code, stdout, stderr) = CliRunner.Run(Common("audit", "demographics", "--images", images, "--labels", labels, "--thresholds", "80,99", "--out", outDirectory));

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDirectory, "demographics.json")));
        var root = json.RootElement;
        Assert.Equal("likeness.audit.demographics/1", root.GetProperty("schema").GetString());
        Assert.Equal(6, root.GetProperty("images").GetInt32());
        var found = 6 - root.GetProperty("imagesWithoutFace").GetInt32();
        Assert.Equal(found * (found - 1) / 2, root.GetProperty("impostorPairs").GetInt64() + root.GetProperty("duplicatePairs").GetInt64());
        Assert.Equal([80.0, 99.0], root.GetProperty("thresholds").EnumerateArray().Select(t => t.GetDouble()));
        Assert.Equal(["a", "b"], root.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("group").GetString()));
        Assert.Contains("audit demographics", root.GetProperty("command").GetString());
        var html = File.ReadAllText(Path.Combine(outDirectory, "demographics.html"));
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("In plain words", html);
        Assert.Contains("<svg", html);
        Assert.Contains("report:", stdout);
        Assert.Contains("embedding people [", stderr); // the progress bar
    }

    [Fact]
    public void RecordingAnAuditTooSmallToNameAWorstGroupIsRefusedAfterTheReportsAreWritten()
    {
        var images = Images("few", 1, 2, 3);
        var outDirectory = Path.Combine(_root, "report");

        var (code, _, stderr) = CliRunner.Run(Common("audit", "demographics", "--images", images, "--labels", "none", "--out", outDirectory, "--record"));

        Assert.Equal(1, code);
        Assert.Contains("Not recorded", stderr);
        Assert.True(File.Exists(Path.Combine(outDirectory, "demographics.json")));
        var (listCode, list, _) = CliRunner.Run("audit", "list", "--data-dir", Path.Combine(_root, "data"));
        Assert.Equal(0, listCode);
        Assert.Contains("No audits recorded", list);
    }

    [Fact]
    public void AFalseMatchAuditSearchesEveryProbeAgainstTheIndexedGallery()
    {
        var probes = Images("probes", 1, 2, 3);
        var gallery = Images("gallery", 4, 5, 6);
        var outDirectory = Path.Combine(_root, "report");

        var (code, stdout, stderr) = CliRunner.Run(Common("audit", "false-matches", "--probes", probes, "--gallery", gallery, "--thresholds", "50,80", "--out", outDirectory, "--record"));

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDirectory, "false-matches.json")));
        var all = json.RootElement.GetProperty("groups")[0];
        Assert.Equal("all", all.GetProperty("dimension").GetString());
        var perThreshold = all.GetProperty("perThreshold");
        Assert.Equal(2, perThreshold.GetArrayLength());
        // A stricter threshold can only remove matches.
        Assert.True(perThreshold[1].GetProperty("falseMatches").GetInt64() <= perThreshold[0].GetProperty("falseMatches").GetInt64());
        Assert.Contains("recorded: false-matches-", stdout);
        var (_, list, _) = CliRunner.Run("audit", "list", "--data-dir", Path.Combine(_root, "data"));
        Assert.Contains("false-matches", list);
        Assert.Contains("report intact", list);
    }

    [Fact]
    public void ADetectionAuditFindsEveryFaceOfGroundTruthTakenFromTheDetectorItself()
    {
        // The default detector's own boxes as ground truth: every face must count as found at 1 FPPI.
        var images = Images("wider/images/0--Test", 1);
        var (detectCode, detectJson, _) = CliRunner.Run("detect", Sample(1), "--json");
        Assert.Equal(0, detectCode);
        using var detected = JsonDocument.Parse(detectJson);
        var faces = detected.RootElement.GetProperty("FaceDetails").EnumerateArray().Select(f => f.GetProperty("BoundingBox")).ToList();
        var photo = new ImageDecoder().Decode(File.ReadAllBytes(Sample(1)));
        var (width, height) = (photo.Width, photo.Height);
        var boxes = Path.Combine(_root, "wider", "boxes.txt");
        File.WriteAllLines(boxes, new[] { "0--Test/sample1.jpg", faces.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Concat(faces.Select(b =>
            FormattableString.Invariant($"{(int)(b.GetProperty("Left").GetDouble() * width)} {(int)(b.GetProperty("Top").GetDouble() * height)} {(int)(b.GetProperty("Width").GetDouble() * width)} {(int)(b.GetProperty("Height").GetDouble() * height)} 0 0 0 0 0 0"))));
        var outDirectory = Path.Combine(_root, "report");

        var (code, stdout, stderr) = CliRunner.Run(Common("audit", "detection", "--boxes", boxes, "--images", Path.Combine(_root, "wider", "images"), "--out", outDirectory));

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDirectory, "detection.json")));
        var all = json.RootElement.GetProperty("evaluation").GetProperty("groups").EnumerateArray().First(g => g.GetProperty("category").GetString() == "all");
        Assert.Equal(faces.Count, all.GetProperty("faces").GetInt32());
        Assert.Equal(1.0, all.GetProperty("points").EnumerateArray().Last().GetProperty("recall").GetDouble());
        Assert.Contains("recall", stdout);
        Assert.True(images.Length > 0);
    }

    [Theory]
    [InlineData("audit")]
    [InlineData("audit", "bias")]
    [InlineData("audit", "demographics", "--labels", "utkface")]
    [InlineData("audit", "demographics", "--images", "/tmp")]
    [InlineData("audit", "demographics", "--images", "/tmp", "--labels", "utkface", "--thresholds", "80,high")]
    [InlineData("audit", "demographics", "--images", "/tmp", "--labels", "utkface", "--thresholds", "120")]
    [InlineData("audit", "demographics", "--images", "/tmp", "--labels", "utkface", "--pad", "-1")]
    [InlineData("audit", "false-matches", "--probes", "/tmp")]
    [InlineData("audit", "detection")]
    public void AWrongAuditCommandLineGetsOneLineAndExitCode2(params string[] args)
    {
        var (code, stdout, stderr) = CliRunner.Run(args);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.StartsWith("likeness: ", stderr);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void AManifestNamingAMissingImageGetsOneLineNamingItsLine()
    {
        var images = Images("people", 1);
        var labels = Path.Combine(_root, "labels.csv");
        File.WriteAllLines(labels, ["file,group", "sample1.jpg,a", "missing.jpg,b"]);

        var (code, _, stderr) = CliRunner.Run(Common("audit", "demographics", "--images", images, "--labels", labels));

        Assert.Equal(1, code);
        Assert.Contains("line 3", stderr);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void ModelCardSaysPlainlyWhenNothingIsRecorded()
    {
        var (code, stdout, _) = CliRunner.Run("audit", "model-card", "--data-dir", Path.Combine(_root, "data"));

        Assert.Equal(0, code);
        Assert.Contains("no audit recorded", stdout);
    }
}
