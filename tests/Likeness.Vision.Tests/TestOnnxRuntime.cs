using Likeness.Models.Assets;
using Likeness.Vision.Onnx;

namespace Likeness.Vision.Tests;

/// <summary>
/// The ONNX Runtime library and models that `likeness models install` puts in the asset cache,
/// verified against their pins. Tests that need them fail (never skip) when they are missing, with
/// the command that fixes it.
/// </summary>
public static class TestOnnxRuntime
{
    public const string Version = "1.30.0";

    public static InstalledAssets Assets { get; } = InstalledAssets.Default();

    /// <summary>libonnxruntime.so.1 inside the cached onnxruntime-node package.</summary>
    public static string LibraryPath => Assets.OnnxRuntimeLibrary();

    /// <summary>A runtime on the cached library; cheap to call repeatedly, as the library is loaded once per process.</summary>
    public static OnnxRuntime Load(int intraOpThreads = 0) =>
        OnnxRuntime.Load(new OnnxRuntimeOptions { LibraryPath = LibraryPath, IntraOpThreads = intraOpThreads });
}
