namespace Likeness.Vision.Onnx;

/// <summary>Where to find ONNX Runtime and how its sessions run.</summary>
public sealed class OnnxRuntimeOptions
{
    /// <summary>The environment variable naming the ONNX Runtime shared library, used when <see cref="LibraryPath"/> is not set.</summary>
    public const string LibraryPathVariable = "LIKENESS_ORT_LIBRARY";

    /// <summary>The ONNX Runtime shared library (libonnxruntime.so.1); when set, no other place is searched.</summary>
    public string? LibraryPath { get; init; }

    /// <summary>
    /// Folders (or library files) searched last, in order, after $LIKENESS_ORT_LIBRARY and the
    /// runtimes/&lt;rid&gt;/native folder beside the application; the asset cache passes its copy here.
    /// </summary>
    public IReadOnlyList<string> SearchPaths { get; init; } = [];

    /// <summary>Threads one Run may use inside an operator; 0 means <see cref="Environment.ProcessorCount"/>.</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Graph optimisations applied when a session is opened; <see cref="OnnxGraphOptimizationLevel.All"/> by default.</summary>
    public OnnxGraphOptimizationLevel GraphOptimization { get; init; } = OnnxGraphOptimizationLevel.All;

    /// <summary>
    /// Runs sessions on the CUDA execution provider (falling back to the CPU per operator, as ORT does).
    /// <see cref="OnnxRuntime.Load"/> fails with an <see cref="OnnxRuntimeException"/> when the provider
    /// cannot be enabled — a CPU-only build of ONNX Runtime, or its provider libraries
    /// (libonnxruntime_providers_shared.so, libonnxruntime_providers_cuda.so) missing beside it, or CUDA
    /// and cuDNN missing — unless <see cref="AllowCpuFallback"/> is set.
    /// </summary>
    public bool UseCuda { get; init; }

    /// <summary>The CUDA device sessions run on when <see cref="UseCuda"/> is set.</summary>
    public int CudaDeviceId { get; init; }

    /// <summary>When CUDA is requested but cannot be enabled, run on the CPU instead of failing; <see cref="OnnxRuntime.UsesCuda"/> tells which happened.</summary>
    public bool AllowCpuFallback { get; init; }
}
