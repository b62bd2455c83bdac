namespace Likeness.Vision.Onnx;

/// <summary>A dense tensor in managed memory: a flat row-major array, its shape and its element type.</summary>
/// <remarks>
/// The array is not copied: an input tensor is pinned and handed to ONNX Runtime as it is, and
/// <see cref="AsFloats"/> and its siblings return the tensor's own array. Do not change it while a
/// <see cref="OnnxSession.Run"/> that reads it is in progress.
/// </remarks>
public sealed class OnnxTensor
{
    private readonly Array _data;

    private OnnxTensor(Array data, OnnxTensorElementType elementType, long[] shape)
    {
        long count = 1;
        foreach (var dim in shape)
        {
            if (dim < 0) throw new ArgumentException($"Tensor shape [{string.Join(",", shape)}] has a negative dimension.", nameof(shape));
            count = checked(count * dim);
        }
        if (count != data.Length)
        {
            throw new ArgumentException(
                $"Tensor shape [{string.Join(",", shape)}] needs {count} elements but the array has {data.Length}.", nameof(shape));
        }
        _data = data;
        ElementType = elementType;
        Shape = (long[])shape.Clone();
    }

    /// <summary>The dimensions; empty for a scalar.</summary>
    public long[] Shape { get; }

    public OnnxTensorElementType ElementType { get; }

    public int ElementCount => _data.Length;

    /// <summary>The flat array behind the tensor, for the binding to pin.</summary>
    internal Array Data => _data;

    public static OnnxTensor FromFloats(float[] data, params long[] shape) => new(data, OnnxTensorElementType.Float, shape);

    public static OnnxTensor FromBytes(byte[] data, params long[] shape) => new(data, OnnxTensorElementType.UInt8, shape);

    public static OnnxTensor FromInt32s(int[] data, params long[] shape) => new(data, OnnxTensorElementType.Int32, shape);

    public static OnnxTensor FromInt64s(long[] data, params long[] shape) => new(data, OnnxTensorElementType.Int64, shape);

    /// <summary>The elements of a Float tensor (the tensor's own array, not a copy).</summary>
    public float[] AsFloats() => As<float>(OnnxTensorElementType.Float);

    /// <summary>The elements of a UInt8 tensor (the tensor's own array, not a copy).</summary>
    public byte[] AsBytes() => As<byte>(OnnxTensorElementType.UInt8);

    /// <summary>The elements of an Int32 tensor (the tensor's own array, not a copy).</summary>
    public int[] AsInt32s() => As<int>(OnnxTensorElementType.Int32);

    /// <summary>The elements of an Int64 tensor (the tensor's own array, not a copy).</summary>
    public long[] AsInt64s() => As<long>(OnnxTensorElementType.Int64);

    /// <summary>Wraps an array the binding has just filled from an ONNX Runtime output.</summary>
    internal static OnnxTensor FromOutput(Array data, OnnxTensorElementType elementType, long[] shape) => new(data, elementType, shape);

    /// <summary>The size of one element, or 0 for the types this binding does not move between managed and native memory.</summary>
    internal static int ElementSize(OnnxTensorElementType type) => type switch
    {
        OnnxTensorElementType.Float or OnnxTensorElementType.Int32 => 4,
        OnnxTensorElementType.Int64 => 8,
        OnnxTensorElementType.UInt8 => 1,
        _ => 0,
    };

    /// <summary>A new managed array for <paramref name="count"/> elements of a supported type.</summary>
    internal static Array NewArray(OnnxTensorElementType type, int count) => type switch
    {
        OnnxTensorElementType.Float => new float[count],
        OnnxTensorElementType.Int32 => new int[count],
        OnnxTensorElementType.Int64 => new long[count],
        OnnxTensorElementType.UInt8 => new byte[count],
        _ => throw new NotSupportedException($"Tensors of {type} are not supported; this binding moves Float, UInt8, Int32 and Int64."),
    };

    private T[] As<T>(OnnxTensorElementType expected) => ElementType == expected
        ? (T[])_data
        : throw new InvalidOperationException($"The tensor holds {ElementType} elements, not {expected}.");

    public override string ToString() => $"{ElementType}[{string.Join(",", Shape)}]";
}
