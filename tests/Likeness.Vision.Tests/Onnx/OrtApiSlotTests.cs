using System.Runtime.InteropServices;
using Likeness.Vision.Onnx;
using Likeness.Vision.Onnx.Native;

namespace Likeness.Vision.Tests.Onnx;

/// <summary>
/// Calls slots of the OrtApi table with arguments whose effect only the intended function has, so a
/// miscounted slot fails here rather than corrupting memory somewhere later. See the remarks on OrtApi.
/// </summary>
public sealed unsafe class OrtApiSlotTests
{
    private static OrtLibrary Library => OrtLibrary.Get(TestOnnxRuntime.LibraryPath);

    [Fact]
    public void OrtApiBaseGetVersionStringNamesTheLibraryVersion()
    {
        // The version comes from OrtApiBase slot 1; slot 0 (GetApi) must have returned a table for API 30.
        Assert.Matches(@"^1\.30\.\d+$", Library.Version);
    }

    [Fact]
    public void CreateStatusRoundTripsThroughGetErrorCodeGetErrorMessageAndReleaseStatus()
    {
        var api = Library.Api;
        nint status;
        fixed (byte* message = "likeness slot probe\0"u8)
        {
            status = api.CreateStatus((int)OnnxErrorCode.ModelRequiresCompilation, message);
        }
        Assert.NotEqual(0, status);

        Assert.Equal((int)OnnxErrorCode.ModelRequiresCompilation, api.GetErrorCode(status));
        Assert.Equal("likeness slot probe", Marshal.PtrToStringUTF8((nint)api.GetErrorMessage(status)));

        // Check() reads both again and calls ReleaseStatus (slot 93) before throwing.
        var error = Assert.Throws<OnnxRuntimeException>(() => api.Check(status, "probe"));
        Assert.Equal(OnnxErrorCode.ModelRequiresCompilation, error.Code);
        Assert.Equal("probe: likeness slot probe", error.Message);
    }

    [Fact]
    public void SetSessionGraphOptimizationLevelAcceptsNinetyNineAndRejectsFortyTwo()
    {
        var api = Library.Api;
        using var options = Library.CreateSessionOptions();
        var handle = options.DangerousGetHandle();

        api.Check(api.SetSessionGraphOptimizationLevel(handle, 99));
        var error = Failure(api, api.SetSessionGraphOptimizationLevel(handle, 42));

        Assert.Equal(OnnxErrorCode.InvalidArgument, error.Code);
        Assert.Contains("optimization", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void SetIntraOpAndInterOpNumThreadsAcceptThreadCounts()
    {
        var api = Library.Api;
        using var options = Library.CreateSessionOptions();

        api.Check(api.SetIntraOpNumThreads(options.DangerousGetHandle(), 3));
        api.Check(api.SetInterOpNumThreads(options.DangerousGetHandle(), 1));
    }

    [Fact]
    public void TheCudaSlotsReachTheCudaProviderFunctions()
    {
        // The pinned onnxruntime-node package ships no GPU provider libraries, so on any machine using it
        // CreateCUDAProviderOptions (205) succeeds, UpdateCUDAProviderOptions (206) fails to load the provider
        // bridge, and SessionOptionsAppendExecutionProvider_CUDA_V2 (204) fails naming itself.
        var api = Library.Api;
        nint cudaOptions;
        api.Check(api.CreateCudaProviderOptions(&cudaOptions));
        Assert.NotEqual(0, cudaOptions);
        try
        {
            nint updateStatus;
            fixed (byte* key = "device_id\0"u8)
            fixed (byte* value = "0\0"u8)
            {
                byte* keys = key, values = value;
                updateStatus = api.UpdateCudaProviderOptions(cudaOptions, &keys, &values, 1);
            }
            Assert.Contains("libonnxruntime_providers_shared.so", Failure(api, updateStatus).Message);

            using var sessionOptions = Library.CreateSessionOptions();
            var appendStatus = api.SessionOptionsAppendExecutionProviderCudaV2(sessionOptions.DangerousGetHandle(), cudaOptions);
            Assert.Contains("AppendExecutionProvider_Cuda", Failure(api, appendStatus).Message);
        }
        finally
        {
            api.ReleaseCudaProviderOptions(cudaOptions);   // slot 208
        }
    }

    /// <summary>The exception Check makes of a failed status (and so releases it).</summary>
    private static OnnxRuntimeException Failure(OrtApi api, nint status) => Assert.Throws<OnnxRuntimeException>(() => api.Check(status));
}
