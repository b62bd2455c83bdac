using System.Runtime.InteropServices;

namespace Likeness.Vision.Onnx.Native;

/// <summary>One loaded ONNX Runtime shared library: its function table, version, environment and CPU memory info.</summary>
/// <remarks>
/// Loaded once per path and kept for the life of the process: ORT allows one OrtEnv per process and
/// unloading the library while its thread pools exist is unsafe. ONNX Runtime's own C# binding keeps
/// its OrtEnv as a process-wide singleton for the same reason. Everything here is read-only after
/// construction, so sessions on any thread share it freely.
/// </remarks>
internal sealed unsafe class OrtLibrary
{
    private const int LoggingLevelWarning = 2;   // ORT_LOGGING_LEVEL_WARNING
    private const int ArenaAllocator = 1;        // OrtArenaAllocator
    private const int MemTypeDefault = 0;        // OrtMemTypeDefault

    private static readonly Dictionary<string, OrtLibrary> Loaded = new(StringComparer.Ordinal);
    private static readonly Lock LoadLock = new();

    private OrtLibrary(string path, OrtApi api, string version, OrtEnvHandle env, OrtMemoryInfoHandle cpuMemory, nint allocator)
    {
        Path = path;
        Api = api;
        Version = version;
        Env = env;
        CpuMemory = cpuMemory;
        DefaultAllocator = allocator;
    }

    public string Path { get; }

    public OrtApi Api { get; }

    /// <summary>ORT's version string, from OrtApiBase::GetVersionString, e.g. "1.30.0".</summary>
    public string Version { get; }

    public OrtEnvHandle Env { get; }

    /// <summary>Describes managed arrays handed to ORT as input tensors.</summary>
    public OrtMemoryInfoHandle CpuMemory { get; }

    /// <summary>ORT's process-wide CPU allocator; it owns the name strings ORT returns and must never be released.</summary>
    public nint DefaultAllocator { get; }

    /// <summary>The library at <paramref name="path"/>, loading it on first use.</summary>
    public static OrtLibrary Get(string path)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        lock (LoadLock)
        {
            if (!Loaded.TryGetValue(fullPath, out var library))
            {
                library = Load(fullPath);
                Loaded.Add(fullPath, library);
            }
            return library;
        }
    }

    private static OrtLibrary Load(string path)
    {
        nint module;
        try
        {
            module = NativeLibrary.Load(path);
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            throw new OnnxRuntimeException(OnnxErrorCode.Fail,
                $"ONNX Runtime at {path} could not be loaded: {e.Message} Is it the build for this OS and processor? `likeness models install` fetches the right one.", e);
        }

        if (!NativeLibrary.TryGetExport(module, "OrtGetApiBase", out var getApiBase))
        {
            throw new OnnxRuntimeException(OnnxErrorCode.Fail, $"{path} is not ONNX Runtime: it does not export OrtGetApiBase.");
        }

        // struct OrtApiBase { const OrtApi* (*GetApi)(uint32_t version); const char* (*GetVersionString)(void); }
        var apiBase = (nint*)((delegate* unmanaged[Cdecl]<nint>)getApiBase)();
        var getApi = (delegate* unmanaged[Cdecl]<uint, nint>)apiBase[0];
        var getVersionString = (delegate* unmanaged[Cdecl]<byte*>)apiBase[1];
        var version = Marshal.PtrToStringUTF8((nint)getVersionString()) ?? "";

        var table = getApi(OrtApi.Version);
        if (table == 0)
        {
            throw new OnnxRuntimeException(OnnxErrorCode.NotImplemented,
                $"ONNX Runtime {version} at {path} does not offer C API version {OrtApi.Version}; Likeness needs ONNX Runtime 1.{OrtApi.Version} or newer (`likeness models install` fetches it).");
        }

        var api = new OrtApi(table);
        var env = CreateEnv(api);
        nint memoryInfo;
        api.Check(api.CreateCpuMemoryInfo(ArenaAllocator, MemTypeDefault, &memoryInfo));
        var cpuMemory = new OrtMemoryInfoHandle(api, memoryInfo);
        nint allocator;
        api.Check(api.GetAllocatorWithDefaultOptions(&allocator));
        return new OrtLibrary(path, api, version, env, cpuMemory, allocator);
    }

    private static OrtEnvHandle CreateEnv(OrtApi api)
    {
        nint env;
        fixed (byte* logId = "likeness\0"u8)
        {
            api.Check(api.CreateEnv(LoggingLevelWarning, logId, &env), "ONNX Runtime could not create its environment");
        }
        return new OrtEnvHandle(api, env);
    }

    /// <summary>Fresh session options; the caller disposes them once the session exists.</summary>
    public OrtSessionOptionsHandle CreateSessionOptions()
    {
        nint options;
        Api.Check(Api.CreateSessionOptions(&options));
        return new OrtSessionOptionsHandle(Api, options);
    }

    /// <summary>Copies a UTF-8 string that ORT allocated with the default allocator, then frees it.</summary>
    public string TakeString(byte* value)
    {
        try
        {
            return Marshal.PtrToStringUTF8((nint)value) ?? "";
        }
        finally
        {
            Api.Check(Api.AllocatorFree(DefaultAllocator, value));
        }
    }
}
