using System.Runtime.InteropServices;

namespace Likeness.Vision.Onnx.Native;

// One SafeHandle per kind of ORT object that outlives a single call, so each is released exactly
// once even when a session is disposed while another thread is inside Run (SafeHandle's ref count
// defers the release until that Run returns). Objects that live only inside one call — OrtStatus,
// OrtTypeInfo, OrtTensorTypeAndShapeInfo, the OrtValues of one Run — are released in finally blocks
// next to the call that made them instead.

/// <summary>Owns one ORT object and releases it with the matching Release function from the table.</summary>
internal abstract class OrtHandle : SafeHandle
{
    protected OrtHandle(OrtApi api, nint handle)
        : base(0, ownsHandle: true)
    {
        Api = api;
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == 0;

    protected OrtApi Api { get; }
}

/// <summary>An OrtEnv: logging and global state, one per process.</summary>
internal sealed class OrtEnvHandle(OrtApi api, nint handle) : OrtHandle(api, handle)
{
    protected override unsafe bool ReleaseHandle()
    {
        Api.ReleaseEnv(handle);
        return true;
    }
}

/// <summary>An OrtMemoryInfo describing where tensor data lives.</summary>
internal sealed class OrtMemoryInfoHandle(OrtApi api, nint handle) : OrtHandle(api, handle)
{
    protected override unsafe bool ReleaseHandle()
    {
        Api.ReleaseMemoryInfo(handle);
        return true;
    }
}

/// <summary>An OrtSessionOptions, used only while a session is created.</summary>
internal sealed class OrtSessionOptionsHandle(OrtApi api, nint handle) : OrtHandle(api, handle)
{
    protected override unsafe bool ReleaseHandle()
    {
        Api.ReleaseSessionOptions(handle);
        return true;
    }
}

/// <summary>An OrtSession: a loaded model and its thread pools.</summary>
internal sealed class OrtSessionHandle(OrtApi api, nint handle) : OrtHandle(api, handle)
{
    protected override unsafe bool ReleaseHandle()
    {
        Api.ReleaseSession(handle);
        return true;
    }
}

/// <summary>An OrtValue (a tensor) that must be released after use.</summary>
internal sealed class OrtValueHandle(OrtApi api, nint handle) : OrtHandle(api, handle)
{
    protected override unsafe bool ReleaseHandle()
    {
        Api.ReleaseValue(handle);
        return true;
    }
}
