using System.Text.Json;
using Likeness.Models.Assets;
using Likeness.Models.Catalog;

namespace Likeness.Cli.Tests;

/// <summary>`--face-model`: a collection indexed under face model 1.0 stays usable with `--face-model 1.0` after the default moved to 2.0.</summary>
public sealed class FaceModelOptionTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "likeness-cli-face-model-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
    }

    private (int Code, string Out, string Err) Run(params string[] args) => CliRunner.Run([.. args, "--data-dir", _data]);

    [Fact]
    public void AVersion1CollectionIsSearchedWithVersion1AndRefusedByTheDefaultWithTheWayOut()
    {
        var photo = InstalledAssets.Default().PackageFile(ModelCatalog.FaceApi, "demo/sample1.jpg");
        var created = Run("collections", "create", "old", "--face-model", "1.0");
        Assert.Equal("1.0", JsonDocument.Parse(created.Out).RootElement.GetProperty("FaceModelVersion").GetString());
        Assert.Equal(0, Run("faces", "index", "old", photo, "--face-model", "1.0").Code);

        var refused = Run("faces", "search-image", "old", photo);
        Assert.NotEqual(0, refused.Code);
        Assert.Contains("InvalidParameterException", refused.Err);
        Assert.Contains("1.0", refused.Err);
        Assert.Contains("likeness collections reindex old", refused.Err);

        var searched = Run("faces", "search-image", "old", photo, "--face-model", "1.0");
        Assert.Equal(0, searched.Code);
        var result = JsonDocument.Parse(searched.Out).RootElement;
        Assert.Equal("1.0", result.GetProperty("FaceModelVersion").GetString());
        Assert.True(result.GetProperty("FaceMatches")[0].GetProperty("Similarity").GetDouble() > 99);
    }

    [Theory]
    [InlineData("collections", "list")]
    [InlineData("serve")]
    public void AnUnknownVersionIsOneLineNamingTheVersionsThereAre(params string[] verb)
    {
        var result = Run([.. verb, "--face-model", "3.0"]);

        Assert.Equal(2, result.Code);
        Assert.Single(result.Err.Trim().Split('\n'));
        Assert.Contains("--face-model takes 1.0 or 2.0 (the default, 2.0), not '3.0'", result.Err);
    }
}
