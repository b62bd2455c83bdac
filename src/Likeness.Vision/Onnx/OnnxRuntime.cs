using System.Text;
using Likeness.Vision.Onnx.Native;

namespace Likeness.Vision.Onnx;

/// <summary>ONNX Runtime, loaded from its shared library, opening models as <see cref="OnnxSession"/>s.</summary>
/// <remarks>
/// <para>
/// <see cref="Load"/> may be called any number of times: each library path is loaded once per process and
/// shares one OrtEnv (ORT allows only one), so two runtimes differ only in their session settings.
/// Disposing a runtime stops it opening sessions; sessions already open keep working until disposed,
/// and the native library stays loaded for the life of the process.
/// </para>
/// <para>
/// Execution providers: the CPU provider by default. With <see cref="OnnxRuntimeOptions.UseCuda"/>,
/// sessions use ORT's CUDA provider (operators it lacks still run on the CPU, as ORT decides). That
/// needs ORT's GPU provider libraries (libonnxruntime_providers_shared.so and
/// libonnxruntime_providers_cuda.so) beside the library, plus CUDA and cuDNN; the pinned
/// onnxruntime-node package ships without them. When the provider cannot be
/// enabled, <see cref="Load"/> throws an <see cref="OnnxRuntimeException"/> carrying ORT's reason,
/// unless <see cref="OnnxRuntimeOptions.AllowCpuFallback"/> is set, in which case it runs on the CPU
/// and <see cref="UsesCuda"/> is false. There is no silent fallback otherwise.
/// </para>
/// </remarks>
public sealed class OnnxRuntime : IDisposable
{
    private readonly OrtLibrary _library;
    private readonly int _intraOpThreads;
    private readonly OnnxGraphOptimizationLevel _graphOptimization;
    private readonly int _cudaDeviceId;
    private volatile bool _disposed;

    private OnnxRuntime(OrtLibrary library, OnnxRuntimeOptions options, bool usesCuda)
    {
        _library = library;
        _intraOpThreads = options.IntraOpThreads == 0 ? Environment.ProcessorCount : options.IntraOpThreads;
        _graphOptimization = options.GraphOptimization;
        _cudaDeviceId = options.CudaDeviceId;
        UsesCuda = usesCuda;
    }

    /// <summary>The shared library in use (absolute path).</summary>
    public string LibraryPath => _library.Path;

    /// <summary>ONNX Runtime's own version string, e.g. "1.30.0".</summary>
    public string Version => _library.Version;

    /// <summary>Whether sessions get the CUDA execution provider (false after a permitted CPU fallback).</summary>
    public bool UsesCuda { get; }

    /// <summary>Finds and loads ONNX Runtime; throws <see cref="OnnxRuntimeException"/> naming where it looked when it is missing.</summary>
    public static OnnxRuntime Load(OnnxRuntimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.IntraOpThreads, nameof(options.IntraOpThreads));
        ArgumentOutOfRangeException.ThrowIfNegative(options.CudaDeviceId, nameof(options.CudaDeviceId));
        if (!Enum.IsDefined(options.GraphOptimization))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.GraphOptimization, "Unknown graph optimisation level.");
        }

        var library = OrtLibrary.Get(OrtLibraryLocator.Locate(options));
        return new OnnxRuntime(library, options, options.UseCuda && CudaAvailable(library, options));
    }

    /// <summary>Opens the model file at <paramref name="modelPath"/>.</summary>
    public unsafe OnnxSession OpenSession(string modelPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        var fullPath = Path.GetFullPath(modelPath);
        // ORTCHAR_T is wchar_t (UTF-16) on Windows and char (UTF-8) elsewhere.
        var nativePath = OperatingSystem.IsWindows()
            ? Encoding.Unicode.GetBytes(fullPath + "\0")
            : Encoding.UTF8.GetBytes(fullPath + "\0");
        var api = _library.Api;
        using var options = CreateSessionOptions();
        nint session;
        fixed (byte* path = nativePath)
        {
            api.Check(api.CreateSession(_library.Env.DangerousGetHandle(), path, options.DangerousGetHandle(), &session),
                $"ONNX Runtime could not open the model {fullPath}");
        }
        return new OnnxSession(_library, new OrtSessionHandle(api, session));
    }

    /// <summary>Opens a model held in memory (a serialised ONNX ModelProto); the bytes are not needed after this returns.</summary>
    public unsafe OnnxSession OpenSession(ReadOnlySpan<byte> model)
    {
        var api = _library.Api;
        using var options = CreateSessionOptions();
        nint session;
        fixed (byte* data = model)
        {
            api.Check(api.CreateSessionFromArray(_library.Env.DangerousGetHandle(), data, (nuint)model.Length, options.DangerousGetHandle(), &session),
                "ONNX Runtime could not load the model from memory");
        }
        return new OnnxSession(_library, new OrtSessionHandle(api, session));
    }

    private unsafe OrtSessionOptionsHandle CreateSessionOptions()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var api = _library.Api;
        var options = _library.CreateSessionOptions();
        try
        {
            var handle = options.DangerousGetHandle();
            api.Check(api.SetIntraOpNumThreads(handle, _intraOpThreads));
            // Parallelism comes from intra-op threads and from callers running sessions concurrently.
            api.Check(api.SetInterOpNumThreads(handle, 1));
            api.Check(api.SetSessionGraphOptimizationLevel(handle, (int)_graphOptimization));
            if (UsesCuda) OrtCudaProvider.Append(_library, options, _cudaDeviceId);
            return options;
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }

    /// <summary>Tries the CUDA provider once at load so a missing GPU stack fails here, not at the first model.</summary>
    private static bool CudaAvailable(OrtLibrary library, OnnxRuntimeOptions options)
    {
        try
        {
            using var probe = library.CreateSessionOptions();
            OrtCudaProvider.Append(library, probe, options.CudaDeviceId);
            return true;
        }
        catch (OnnxRuntimeException) when (options.AllowCpuFallback)
        {
            return false;
        }
        catch (OnnxRuntimeException e)
        {
            throw new OnnxRuntimeException(e.Code,
                $"CUDA was requested (OnnxRuntimeOptions.UseCuda) but ONNX Runtime {library.Version} at {library.Path} could not enable " +
                $"its CUDA execution provider: {e.Message}{Environment.NewLine}" +
                $"CUDA needs ORT's GPU provider libraries (libonnxruntime_providers_shared.so and libonnxruntime_providers_cuda.so) in {Path.GetDirectoryName(library.Path)}, " +
                "with CUDA and cuDNN installed; or set OnnxRuntimeOptions.AllowCpuFallback to run on the CPU.", e);
        }
    }

    /// <summary>Stops this runtime opening sessions; open sessions and the loaded library are unaffected.</summary>
    public void Dispose() => _disposed = true;
}
