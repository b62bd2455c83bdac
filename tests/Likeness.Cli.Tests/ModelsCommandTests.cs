using Likeness.Models.Assets;
using Likeness.Models.Catalog;

namespace Likeness.Cli.Tests;

public sealed class ModelsCommandTests
{
    [Fact]
    public void ListPrintsEveryModelWithSourceHashInputPathAndLicence()
    {
        var (code, stdout, _) = CliRunner.Run("models", "list");

        Assert.Equal(0, code);
        var lines = stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(ModelCatalog.All.Count + 1, lines.Length);
        Assert.StartsWith("NAME", lines[0]);
        foreach (var model in ModelCatalog.All)
        {
            var line = Assert.Single(lines, l => l.StartsWith(model.Name + " ", StringComparison.Ordinal));
            Assert.Contains(AssetPins.Embedded.Models[model.Name], line);
            Assert.Contains(AssetPins.Embedded.Package(model.Package).Spec, line);
            Assert.Contains($"[{model.InputShape}]", line);
            Assert.Contains(model.Name + ".onnx", line);
            Assert.Contains(AssetPins.Embedded.Package(model.Package).Licence, line);
        }
    }

    [Fact]
    public void VerifyOnAnEmptyCacheNamesTheMissingFileItsHashAndTheFix()
    {
        var empty = Directory.CreateTempSubdirectory("likeness-empty-cache-").FullName;
        try
        {
            var (code, _, stderr) = CliRunner.Run("models", "verify", "--cache-dir", empty);

            Assert.Equal(1, code);
            Assert.Single(stderr.TrimEnd('\n').Split('\n'));
            Assert.Contains(empty, stderr);
            Assert.Contains(AssetPins.Embedded.Packages[0].Files.Values.First(), stderr);
            Assert.Contains("likeness models install", stderr);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public void VerifyPassesOnTheInstalledCache()
    {
        var (code, stdout, stderr) = CliRunner.Run("models", "verify");

        Assert.True(code == 0, stderr);
        Assert.Contains($"{ModelCatalog.All.Count} models match their pins", stdout);
    }
}
