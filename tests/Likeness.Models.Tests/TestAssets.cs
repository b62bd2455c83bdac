using Likeness.Models.Assets;
using Likeness.Models.Catalog;
using Likeness.Vision.Onnx;

namespace Likeness.Models.Tests;

/// <summary>
/// The npm packages that `likeness models install` puts into the asset cache, verified against their
/// pins. The README's test command installs them first; a missing file fails the test with the
/// command that fixes it.
/// </summary>
public static class TestAssets
{
    public static InstalledAssets Installed { get; } = InstalledAssets.Default();

    private static readonly Lazy<OnnxRuntime> SharedRuntime = new(() =>
        OnnxRuntime.Load(new OnnxRuntimeOptions { SearchPaths = [Installed.OnnxRuntimeLibrary()] }));

    /// <summary>One runtime for the whole test run: ORT allows one environment per process.</summary>
    public static OnnxRuntime Runtime => SharedRuntime.Value;

    public static string HumanModel(string fileName) => Installed.PackageFile(ModelCatalog.HumanModels, "models/" + fileName);

    public static string FaceApiModel(string fileName) => Installed.PackageFile(ModelCatalog.FaceApi, "model/" + fileName);
}
