using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace Likeness.Vision.Onnx.Native;

/// <summary>The part of ONNX Runtime's C API function table (struct OrtApi) that Likeness calls.</summary>
/// <remarks>
/// <para>
/// <c>OrtGetApiBase()-&gt;GetApi(version)</c> returns a pointer to a struct of function pointers. ORT only
/// ever appends to it, so a function's slot (its index in the struct) never changes once released.
/// The slots below were counted by hand from <c>struct OrtApi</c> in
/// include/onnxruntime/core/session/onnxruntime_c_api.h with <c>#define ORT_API_VERSION 30</c> (v1.30).
/// </para>
/// <para>How they were verified:</para>
/// <list type="number">
/// <item>The count agrees with every static_assert that ORT keeps in onnxruntime/core/session/onnxruntime_c_api.cc
/// to freeze old API versions: ReleaseCustomOpDomain 101, ReleaseModelMetadata 118,
/// AddFreeDimensionOverrideByName 124, ReleaseAvailableProviders 126, SetGlobalSpinControl 149,
/// ReleaseArenaCfg 157, GetCurrentGpuDeviceId 161, CreateSessionFromArrayWithPrepackedWeightsContainer 169;
/// and the "End of Version 10" marker after SynchronizeBoundOutputs (203) puts CUDA_V2 at 204.</item>
/// <item>OrtApiSlotTests call the table with arguments whose effect only the intended function has:
/// CreateStatus/GetErrorCode/GetErrorMessage/ReleaseStatus round-trip a code and message;
/// SetSessionGraphOptimizationLevel rejects level 42 with its own message while accepting 99;
/// CreateCUDAProviderOptions returns an object, UpdateCUDAProviderOptions tries to load the CUDA
/// provider bridge and SessionOptionsAppendExecutionProvider_CUDA_V2 fails naming itself; the
/// metadata and Run tests exercise the rest with models whose input and output counts, names,
/// types and results differ, so a swapped input/output or type/shape slot cannot pass.</item>
/// </list>
/// <para>
/// Functions are called through <c>delegate* unmanaged[Cdecl]</c>: ORT_API_CALL is empty on Linux and
/// macOS and __stdcall on Windows, which on x64 and arm64 is the same convention.
/// </para>
/// </remarks>
internal sealed unsafe class OrtApi
{
    /// <summary>The C API version asked of GetApi: that of the header the slots were counted from.</summary>
    /// <remarks>Every slot used here already existed in API version 11; asking for 30 makes an older library fail clearly at load.</remarks>
    public const uint Version = 30;

    // Slot numbers: index of the function pointer in struct OrtApi (v1.30).
    private const int CreateStatusSlot = 0;
    private const int GetErrorCodeSlot = 1;
    private const int GetErrorMessageSlot = 2;
    private const int CreateEnvSlot = 3;
    private const int CreateSessionSlot = 7;
    private const int CreateSessionFromArraySlot = 8;
    private const int RunSlot = 9;
    private const int CreateSessionOptionsSlot = 10;
    private const int SetSessionGraphOptimizationLevelSlot = 23;
    private const int SetIntraOpNumThreadsSlot = 24;
    private const int SetInterOpNumThreadsSlot = 25;
    private const int SessionGetInputCountSlot = 30;
    private const int SessionGetOutputCountSlot = 31;
    private const int SessionGetInputTypeInfoSlot = 33;
    private const int SessionGetOutputTypeInfoSlot = 34;
    private const int SessionGetInputNameSlot = 36;
    private const int SessionGetOutputNameSlot = 37;
    private const int CreateTensorWithDataAsOrtValueSlot = 49;
    private const int GetTensorMutableDataSlot = 51;
    private const int CastTypeInfoToTensorInfoSlot = 55;
    private const int GetTensorElementTypeSlot = 60;
    private const int GetDimensionsCountSlot = 61;
    private const int GetDimensionsSlot = 62;
    private const int GetTensorTypeAndShapeSlot = 65;
    private const int CreateCpuMemoryInfoSlot = 69;
    private const int AllocatorFreeSlot = 76;
    private const int GetAllocatorWithDefaultOptionsSlot = 78;
    private const int ReleaseEnvSlot = 92;
    private const int ReleaseStatusSlot = 93;
    private const int ReleaseMemoryInfoSlot = 94;
    private const int ReleaseSessionSlot = 95;
    private const int ReleaseValueSlot = 96;
    private const int ReleaseTypeInfoSlot = 98;
    private const int ReleaseTensorTypeAndShapeInfoSlot = 99;
    private const int ReleaseSessionOptionsSlot = 100;
    private const int SessionOptionsAppendExecutionProviderCudaV2Slot = 204;
    private const int CreateCudaProviderOptionsSlot = 205;
    private const int UpdateCudaProviderOptionsSlot = 206;
    private const int ReleaseCudaProviderOptionsSlot = 208;

    // OrtStatus* is returned as nint (null = success); every other ORT object is an opaque nint too.
    public readonly delegate* unmanaged[Cdecl]<int, byte*, nint> CreateStatus;
    public readonly delegate* unmanaged[Cdecl]<nint, int> GetErrorCode;
    public readonly delegate* unmanaged[Cdecl]<nint, byte*> GetErrorMessage;
    public readonly delegate* unmanaged[Cdecl]<int, byte*, nint*, nint> CreateEnv;
    public readonly delegate* unmanaged[Cdecl]<nint, void*, nint, nint*, nint> CreateSession;
    public readonly delegate* unmanaged[Cdecl]<nint, void*, nuint, nint, nint*, nint> CreateSessionFromArray;
    public readonly delegate* unmanaged[Cdecl]<nint, nint, nint*, nint*, nuint, nint*, nuint, nint*, nint> Run;
    public readonly delegate* unmanaged[Cdecl]<nint*, nint> CreateSessionOptions;
    public readonly delegate* unmanaged[Cdecl]<nint, int, nint> SetSessionGraphOptimizationLevel;
    public readonly delegate* unmanaged[Cdecl]<nint, int, nint> SetIntraOpNumThreads;
    public readonly delegate* unmanaged[Cdecl]<nint, int, nint> SetInterOpNumThreads;
    public readonly delegate* unmanaged[Cdecl]<nint, nuint*, nint> SessionGetInputCount;
    public readonly delegate* unmanaged[Cdecl]<nint, nuint*, nint> SessionGetOutputCount;
    public readonly delegate* unmanaged[Cdecl]<nint, nuint, nint*, nint> SessionGetInputTypeInfo;
    public readonly delegate* unmanaged[Cdecl]<nint, nuint, nint*, nint> SessionGetOutputTypeInfo;
    public readonly delegate* unmanaged[Cdecl]<nint, nuint, nint, byte**, nint> SessionGetInputName;
    public readonly delegate* unmanaged[Cdecl]<nint, nuint, nint, byte**, nint> SessionGetOutputName;
    public readonly delegate* unmanaged[Cdecl]<nint, void*, nuint, long*, nuint, int, nint*, nint> CreateTensorWithDataAsOrtValue;
    public readonly delegate* unmanaged[Cdecl]<nint, void**, nint> GetTensorMutableData;
    public readonly delegate* unmanaged[Cdecl]<nint, nint*, nint> CastTypeInfoToTensorInfo;
    public readonly delegate* unmanaged[Cdecl]<nint, int*, nint> GetTensorElementType;
    public readonly delegate* unmanaged[Cdecl]<nint, nuint*, nint> GetDimensionsCount;
    public readonly delegate* unmanaged[Cdecl]<nint, long*, nuint, nint> GetDimensions;
    public readonly delegate* unmanaged[Cdecl]<nint, nint*, nint> GetTensorTypeAndShape;
    public readonly delegate* unmanaged[Cdecl]<int, int, nint*, nint> CreateCpuMemoryInfo;
    public readonly delegate* unmanaged[Cdecl]<nint, void*, nint> AllocatorFree;
    public readonly delegate* unmanaged[Cdecl]<nint*, nint> GetAllocatorWithDefaultOptions;
    public readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseEnv;
    public readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseStatus;
    public readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseMemoryInfo;
    public readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseSession;
    public readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseValue;
    public readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseTypeInfo;
    public readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseTensorTypeAndShapeInfo;
    public readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseSessionOptions;
    public readonly delegate* unmanaged[Cdecl]<nint, nint, nint> SessionOptionsAppendExecutionProviderCudaV2;
    public readonly delegate* unmanaged[Cdecl]<nint*, nint> CreateCudaProviderOptions;
    public readonly delegate* unmanaged[Cdecl]<nint, byte**, byte**, nuint, nint> UpdateCudaProviderOptions;
    public readonly delegate* unmanaged[Cdecl]<nint, void> ReleaseCudaProviderOptions;

    public OrtApi(nint table)
    {
        var slots = (nint*)table;
        CreateStatus = (delegate* unmanaged[Cdecl]<int, byte*, nint>)slots[CreateStatusSlot];
        GetErrorCode = (delegate* unmanaged[Cdecl]<nint, int>)slots[GetErrorCodeSlot];
        GetErrorMessage = (delegate* unmanaged[Cdecl]<nint, byte*>)slots[GetErrorMessageSlot];
        CreateEnv = (delegate* unmanaged[Cdecl]<int, byte*, nint*, nint>)slots[CreateEnvSlot];
        CreateSession = (delegate* unmanaged[Cdecl]<nint, void*, nint, nint*, nint>)slots[CreateSessionSlot];
        CreateSessionFromArray = (delegate* unmanaged[Cdecl]<nint, void*, nuint, nint, nint*, nint>)slots[CreateSessionFromArraySlot];
        Run = (delegate* unmanaged[Cdecl]<nint, nint, nint*, nint*, nuint, nint*, nuint, nint*, nint>)slots[RunSlot];
        CreateSessionOptions = (delegate* unmanaged[Cdecl]<nint*, nint>)slots[CreateSessionOptionsSlot];
        SetSessionGraphOptimizationLevel = (delegate* unmanaged[Cdecl]<nint, int, nint>)slots[SetSessionGraphOptimizationLevelSlot];
        SetIntraOpNumThreads = (delegate* unmanaged[Cdecl]<nint, int, nint>)slots[SetIntraOpNumThreadsSlot];
        SetInterOpNumThreads = (delegate* unmanaged[Cdecl]<nint, int, nint>)slots[SetInterOpNumThreadsSlot];
        SessionGetInputCount = (delegate* unmanaged[Cdecl]<nint, nuint*, nint>)slots[SessionGetInputCountSlot];
        SessionGetOutputCount = (delegate* unmanaged[Cdecl]<nint, nuint*, nint>)slots[SessionGetOutputCountSlot];
        SessionGetInputTypeInfo = (delegate* unmanaged[Cdecl]<nint, nuint, nint*, nint>)slots[SessionGetInputTypeInfoSlot];
        SessionGetOutputTypeInfo = (delegate* unmanaged[Cdecl]<nint, nuint, nint*, nint>)slots[SessionGetOutputTypeInfoSlot];
        SessionGetInputName = (delegate* unmanaged[Cdecl]<nint, nuint, nint, byte**, nint>)slots[SessionGetInputNameSlot];
        SessionGetOutputName = (delegate* unmanaged[Cdecl]<nint, nuint, nint, byte**, nint>)slots[SessionGetOutputNameSlot];
        CreateTensorWithDataAsOrtValue = (delegate* unmanaged[Cdecl]<nint, void*, nuint, long*, nuint, int, nint*, nint>)slots[CreateTensorWithDataAsOrtValueSlot];
        GetTensorMutableData = (delegate* unmanaged[Cdecl]<nint, void**, nint>)slots[GetTensorMutableDataSlot];
        CastTypeInfoToTensorInfo = (delegate* unmanaged[Cdecl]<nint, nint*, nint>)slots[CastTypeInfoToTensorInfoSlot];
        GetTensorElementType = (delegate* unmanaged[Cdecl]<nint, int*, nint>)slots[GetTensorElementTypeSlot];
        GetDimensionsCount = (delegate* unmanaged[Cdecl]<nint, nuint*, nint>)slots[GetDimensionsCountSlot];
        GetDimensions = (delegate* unmanaged[Cdecl]<nint, long*, nuint, nint>)slots[GetDimensionsSlot];
        GetTensorTypeAndShape = (delegate* unmanaged[Cdecl]<nint, nint*, nint>)slots[GetTensorTypeAndShapeSlot];
        CreateCpuMemoryInfo = (delegate* unmanaged[Cdecl]<int, int, nint*, nint>)slots[CreateCpuMemoryInfoSlot];
        AllocatorFree = (delegate* unmanaged[Cdecl]<nint, void*, nint>)slots[AllocatorFreeSlot];
        GetAllocatorWithDefaultOptions = (delegate* unmanaged[Cdecl]<nint*, nint>)slots[GetAllocatorWithDefaultOptionsSlot];
        ReleaseEnv = (delegate* unmanaged[Cdecl]<nint, void>)slots[ReleaseEnvSlot];
        ReleaseStatus = (delegate* unmanaged[Cdecl]<nint, void>)slots[ReleaseStatusSlot];
        ReleaseMemoryInfo = (delegate* unmanaged[Cdecl]<nint, void>)slots[ReleaseMemoryInfoSlot];
        ReleaseSession = (delegate* unmanaged[Cdecl]<nint, void>)slots[ReleaseSessionSlot];
        ReleaseValue = (delegate* unmanaged[Cdecl]<nint, void>)slots[ReleaseValueSlot];
        ReleaseTypeInfo = (delegate* unmanaged[Cdecl]<nint, void>)slots[ReleaseTypeInfoSlot];
        ReleaseTensorTypeAndShapeInfo = (delegate* unmanaged[Cdecl]<nint, void>)slots[ReleaseTensorTypeAndShapeInfoSlot];
        ReleaseSessionOptions = (delegate* unmanaged[Cdecl]<nint, void>)slots[ReleaseSessionOptionsSlot];
        SessionOptionsAppendExecutionProviderCudaV2 = (delegate* unmanaged[Cdecl]<nint, nint, nint>)slots[SessionOptionsAppendExecutionProviderCudaV2Slot];
        CreateCudaProviderOptions = (delegate* unmanaged[Cdecl]<nint*, nint>)slots[CreateCudaProviderOptionsSlot];
        UpdateCudaProviderOptions = (delegate* unmanaged[Cdecl]<nint, byte**, byte**, nuint, nint>)slots[UpdateCudaProviderOptionsSlot];
        ReleaseCudaProviderOptions = (delegate* unmanaged[Cdecl]<nint, void>)slots[ReleaseCudaProviderOptionsSlot];
    }

    /// <summary>Turns a non-null OrtStatus into an exception, releasing the status either way.</summary>
    public void Check(nint status, string? context = null)
    {
        if (status == 0) return;
        Throw(status, context);
    }

    [DoesNotReturn]
    private void Throw(nint status, string? context)
    {
        OnnxErrorCode code;
        string message;
        try
        {
            code = (OnnxErrorCode)GetErrorCode(status);
            message = (Marshal.PtrToStringUTF8((nint)GetErrorMessage(status)) ?? "").TrimEnd();
        }
        finally
        {
            ReleaseStatus(status);
        }
        throw new OnnxRuntimeException(code, context is null ? message : $"{context}: {message}");
    }
}
