using Likeness.Models.Assets;
using Likeness.Models.Catalog;
using Likeness.Vision.Faces.Pipeline;
using Likeness.Vision.Onnx;

namespace Likeness.Collections.Tests;

/// <summary>The default face pipeline on the models `likeness models install` put in the cache (tests fail, never skip, without them).</summary>
public static class TestPipeline
{
    private static readonly Lazy<FacePipeline> Lazy = new(() =>
    {
        var assets = InstalledAssets.Default();
        var runtime = OnnxRuntime.Load(new OnnxRuntimeOptions { LibraryPath = assets.OnnxRuntimeLibrary() });
        return FacePipeline.OpenDefault(runtime, assets);
    });

    public static FacePipeline Instance => Lazy.Value;

    /// <summary>Bytes of one of face-api's demo photos (pinned by SHA-256 in the asset cache).</summary>
    public static byte[] Sample(int n) => File.ReadAllBytes(InstalledAssets.Default().PackageFile(ModelCatalog.FaceApi, $"demo/sample{n}.jpg"));
}
