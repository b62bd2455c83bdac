using Likeness.Models.Assets;
using Likeness.Models.Catalog;

namespace Likeness.Models.Tests.Assets;

public sealed class AssetPinsTests
{
    [Fact]
    public void EveryCatalogModelSourceFileAndItsShardsArePinned()
    {
        var pins = AssetPins.Embedded;
        foreach (var model in ModelCatalog.All)
        {
            var package = pins.Package(model.Package);
            Assert.True(package.Files.ContainsKey(model.SourcePath), $"{model.Name}: {model.SourcePath} is not pinned.");
            var shard = model.SourcePath.Replace("-weights_manifest.json", ".bin").Replace(".json", ".bin");
            Assert.True(package.Files.ContainsKey(shard), $"{model.Name}: {shard} is not pinned.");
        }
    }

    [Fact]
    public void EveryCatalogModelHasAPinnedOnnxHash()
    {
        var missing = ModelCatalog.All.Where(m => !AssetPins.Embedded.Models.ContainsKey(m.Name)).Select(m => m.Name).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void TheRuntimeLibraryIsPinned() =>
        Assert.Contains("bin/napi-v6/linux/x64/libonnxruntime.so.1", AssetPins.Embedded.Package(ModelCatalog.OnnxRuntimeNode).Files.Keys);

    [Fact]
    public void EveryPinIsA64CharacterLowerCaseHexString()
    {
        var all = AssetPins.Embedded.Packages.SelectMany(p => p.Files.Values.Append(p.TarballSha256)).Concat(AssetPins.Embedded.Models.Values);
        Assert.All(all, sha => Assert.Matches("^[0-9a-f]{64}$", sha));
    }
}
