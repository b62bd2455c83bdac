using Likeness.Vision.Onnx;

namespace Likeness.Vision.Tests;

/// <summary>
/// Finds the ONNX Runtime library that `likeness models install` unpacks into the asset cache. Tests that
/// need it fail (never skip) when it is missing, with the command that fixes it.
/// </summary>
public static class TestOnnxRuntime
{
    public const string Version = "1.30.0";

    /// <summary>libonnxruntime.so.1 inside the cached onnxruntime-node package.</summary>
    public static string LibraryPath
    {
        get
        {
            var path = Path.Combine(CacheRoot(), "npm", $"onnxruntime-node@{Version}", "bin", "napi-v6", "linux", "x64", "libonnxruntime.so.1");
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"ONNX Runtime {Version} is not in the asset cache ({path}); run `likeness models install`.", path);
            }
            return path;
        }
    }

    /// <summary>A runtime on the cached library; cheap to call repeatedly, as the library is loaded once per process.</summary>
    public static OnnxRuntime Load(int intraOpThreads = 0) =>
        OnnxRuntime.Load(new OnnxRuntimeOptions { LibraryPath = LibraryPath, IntraOpThreads = intraOpThreads });

    /// <summary>The asset cache root: $LIKENESS_CACHE_DIR, else $XDG_CACHE_HOME/likeness, else ~/.cache/likeness.</summary>
    private static string CacheRoot()
    {
        var fromEnv = Environment.GetEnvironmentVariable("LIKENESS_CACHE_DIR");
        if (!string.IsNullOrWhiteSpace(fromEnv)) return fromEnv;
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrWhiteSpace(xdg)) return Path.Combine(xdg, "likeness");
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "likeness");
    }
}
