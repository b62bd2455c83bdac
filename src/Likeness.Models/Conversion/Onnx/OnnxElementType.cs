namespace Likeness.Models.Conversion.Onnx;

/// <summary>ONNX TensorProto.DataType values used by the converters (numbers from onnx.proto).</summary>
public enum OnnxElementType
{
    Float = 1,
    UInt8 = 2,
    Int8 = 3,
    Int32 = 6,
    Int64 = 7,
    Bool = 9,
    Float16 = 10,
}
