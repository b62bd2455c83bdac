namespace Likeness.Vision.Onnx;

/// <summary>A failure reported by ONNX Runtime (its error code and message), or in finding or loading it.</summary>
public sealed class OnnxRuntimeException : Exception
{
    public OnnxRuntimeException(OnnxErrorCode code, string message)
        : base(message) => Code = code;

    public OnnxRuntimeException(OnnxErrorCode code, string message, Exception innerException)
        : base(message, innerException) => Code = code;

    /// <summary>ONNX Runtime's error code; <see cref="OnnxErrorCode.NoSuchFile"/> when the library itself is missing.</summary>
    public OnnxErrorCode Code { get; }
}
