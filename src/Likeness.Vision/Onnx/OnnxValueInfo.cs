namespace Likeness.Vision.Onnx;

/// <summary>A model input or output: its name, element type and shape, with -1 for each dynamic dimension.</summary>
/// <remarks>A non-tensor value (sequence, map) reports <see cref="OnnxTensorElementType.Undefined"/> and an empty shape.</remarks>
public sealed record OnnxValueInfo(string Name, OnnxTensorElementType ElementType, long[] Shape);
