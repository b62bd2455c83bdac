using Likeness.Models.Catalog;

namespace Likeness.Models.Assets;

/// <summary>
/// Paths of installed assets, each checked against its pin before it is handed out, so a missing or
/// corrupt file fails at start-up with one line naming it, its expected hash and the fix.
/// </summary>
public sealed class InstalledAssets(AssetCache cache, AssetPins pins)
{
    /// <summary>Where onnxruntime-node keeps the official Linux x64 build of ONNX Runtime.</summary>
    public const string OnnxRuntimeLibraryPath = "bin/napi-v6/linux/x64/libonnxruntime.so.1";

    public static InstalledAssets Default(string? cacheRoot = null) => new(AssetCache.Default(cacheRoot), AssetPins.Embedded);

    public AssetCache Cache => cache;

    public string OnnxRuntimeLibrary() => PackageFile(ModelCatalog.OnnxRuntimeNode, OnnxRuntimeLibraryPath);

    /// <summary>The converted ONNX model, verified.</summary>
    public string Model(string name)
    {
        ModelCatalog.Get(name);
        var sha = pins.Models.TryGetValue(name, out var pinned) ? pinned : throw new AssetException($"{name}: no pinned sha256 in Assets/asset-pins.json.");
        var path = cache.ModelPath(name);
        FileHash.Require(path, sha);
        return path;
    }

    /// <summary>A pinned file of a pinned package, verified.</summary>
    public string PackageFile(string package, string relativePath)
    {
        var pin = pins.Package(package);
        if (!pin.Files.TryGetValue(relativePath, out var sha)) throw new AssetException($"{pin.Spec}/{relativePath} is not a pinned file.");
        var path = Path.Combine(cache.PackageDirectory(pin.Name, pin.Version), relativePath);
        FileHash.Require(path, sha);
        return path;
    }
}
