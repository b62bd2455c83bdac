using System.Globalization;
using System.Text;

namespace Likeness.Vision.Onnx.Native;

/// <summary>Adds ORT's CUDA execution provider to session options through the V2 provider-options API.</summary>
/// <remarks>
/// ORT loads libonnxruntime_providers_shared.so and libonnxruntime_providers_cuda.so (from the folder
/// of libonnxruntime.so) when the provider is first asked for, so a missing provider library, CUDA or
/// cuDNN surfaces here as a failed status; a CPU-only build fails here too. The caller decides
/// whether that is fatal.
/// </remarks>
internal static unsafe class OrtCudaProvider
{
    public static void Append(OrtLibrary library, OrtSessionOptionsHandle sessionOptions, int deviceId)
    {
        var api = library.Api;
        nint cudaOptions;
        api.Check(api.CreateCudaProviderOptions(&cudaOptions));
        try
        {
            var key = Encoding.UTF8.GetBytes("device_id\0");
            var value = Encoding.UTF8.GetBytes(deviceId.ToString(CultureInfo.InvariantCulture) + "\0");
            fixed (byte* keyPtr = key)
            fixed (byte* valuePtr = value)
            {
                byte* keys = keyPtr, values = valuePtr;
                api.Check(api.UpdateCudaProviderOptions(cudaOptions, &keys, &values, 1));
            }
            api.Check(api.SessionOptionsAppendExecutionProviderCudaV2(sessionOptions.DangerousGetHandle(), cudaOptions));
        }
        finally
        {
            api.ReleaseCudaProviderOptions(cudaOptions);
        }
    }
}
