using System.Runtime.InteropServices;

namespace Likeness.Vision.Onnx.Native;

/// <summary>Finds the ONNX Runtime shared library in the order documented on <see cref="OnnxRuntimeOptions"/>.</summary>
/// <remarks>
/// Order: the explicit option, then $LIKENESS_ORT_LIBRARY (each authoritative: when set it must exist,
/// so a typo is reported instead of silently picking up another copy), then runtimes/&lt;rid&gt;/native
/// beside the application (where the Microsoft.ML.OnnxRuntime NuGet package puts it), then the
/// caller's search paths.
/// </remarks>
internal static class OrtLibraryLocator
{
    public static string Locate(OnnxRuntimeOptions options) =>
        Locate(options, Environment.GetEnvironmentVariable(OnnxRuntimeOptions.LibraryPathVariable), AppContext.BaseDirectory);

    /// <summary>The resolution itself, with the environment passed in so tests need not change the process's.</summary>
    internal static string Locate(OnnxRuntimeOptions options, string? environmentPath, string baseDirectory)
    {
        if (!string.IsNullOrWhiteSpace(options.LibraryPath))
        {
            return File.Exists(options.LibraryPath)
                ? options.LibraryPath
                : throw NotFound([$"{options.LibraryPath} (OnnxRuntimeOptions.LibraryPath)"]);
        }

        if (!string.IsNullOrWhiteSpace(environmentPath))
        {
            return File.Exists(environmentPath)
                ? environmentPath
                : throw NotFound([$"{environmentPath} (${OnnxRuntimeOptions.LibraryPathVariable})"]);
        }

        var looked = new List<string>();
        var nuGetFolder = Path.Combine(baseDirectory, "runtimes", PortableRuntimeIdentifier(), "native");
        foreach (var candidate in options.SearchPaths.Prepend(nuGetFolder))
        {
            looked.Add(candidate);
            if (FindIn(candidate) is { } found) return found;
        }
        throw NotFound(looked);
    }

    /// <summary>The path itself when it is a file; otherwise the library inside it when it is a folder.</summary>
    private static string? FindIn(string path)
    {
        if (File.Exists(path)) return path;
        if (!Directory.Exists(path)) return null;
        // Ordinal order prefers the unversioned name, then the soname (libonnxruntime.so.1), then the full version.
        return Directory.EnumerateFiles(path, LibraryFilePattern())
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private static string LibraryFilePattern() =>
        OperatingSystem.IsWindows() ? "onnxruntime.dll"
        : OperatingSystem.IsMacOS() ? "libonnxruntime*.dylib"
        : "libonnxruntime.so*";

    /// <summary>The NuGet folder name (linux-x64, osx-arm64, win-x64, ...), never a distro-specific RID.</summary>
    private static string PortableRuntimeIdentifier()
    {
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        return $"{os}-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}";
    }

    private static OnnxRuntimeException NotFound(IReadOnlyList<string> looked) => new(
        OnnxErrorCode.NoSuchFile,
        "ONNX Runtime was not found. Looked in:" + string.Concat(looked.Select(l => Environment.NewLine + "  " + l)) + Environment.NewLine +
        "Run `likeness models install` to put it in the asset cache, or point $" + OnnxRuntimeOptions.LibraryPathVariable +
        " at a libonnxruntime.so.1 you provide.");
}
