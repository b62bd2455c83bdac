namespace Likeness.Models.Assets;

/// <summary>The directory that holds downloaded npm packages and converted models.</summary>
/// <remarks>
/// Layout: <c>npm/&lt;package&gt;@&lt;version&gt;/</c> holds a package's unpacked files (scoped names
/// flattened, "@vladmandic/face-api" becomes "vladmandic-face-api"); <c>models/&lt;name&gt;.onnx</c> holds
/// converted models. Root: an explicit path, else $LIKENESS_CACHE_DIR, else $XDG_CACHE_HOME/likeness,
/// else ~/.cache/likeness.
/// </remarks>
public sealed class AssetCache
{
    public const string RootVariable = "LIKENESS_CACHE_DIR";

    public AssetCache(string root) => Root = Path.GetFullPath(root);

    public string Root { get; }

    public string NpmDirectory => Path.Combine(Root, "npm");

    public string ModelsDirectory => Path.Combine(Root, "models");

    /// <summary>The cache at the configured or conventional location.</summary>
    public static AssetCache Default(string? explicitRoot = null) => new(ResolveRoot(explicitRoot));

    public static string ResolveRoot(string? explicitRoot)
    {
        if (!string.IsNullOrWhiteSpace(explicitRoot)) return explicitRoot;
        var fromEnv = Environment.GetEnvironmentVariable(RootVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv)) return fromEnv;
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrWhiteSpace(xdg)) return Path.Combine(xdg, "likeness");
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "likeness");
    }

    /// <summary>Where a package's files live once unpacked: npm/&lt;flattened name&gt;@&lt;version&gt;.</summary>
    public string PackageDirectory(string packageName, string version) =>
        Path.Combine(NpmDirectory, $"{FlattenPackageName(packageName)}@{version}");

    public string ModelPath(string modelName) => Path.Combine(ModelsDirectory, modelName + ".onnx");

    internal static string FlattenPackageName(string packageName) => packageName.TrimStart('@').Replace('/', '-');
}
