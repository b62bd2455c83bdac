using System.Runtime.InteropServices;

namespace Likeness.Models.Conversion.Onnx;

/// <summary>A constant tensor (TensorProto) stored as little-endian raw bytes.</summary>
public sealed class OnnxTensorData
{
    private OnnxTensorData(string name, OnnxElementType type, long[] dims, byte[] raw)
    {
        long count = 1;
        foreach (var d in dims)
        {
            if (d < 0) throw new ArgumentException($"Constant '{name}' has a negative dimension.", nameof(dims));
            count *= d;
        }
        if (count * ElementSize(type) != raw.Length)
        {
            throw new ArgumentException(
                $"Constant '{name}': shape [{string.Join(",", dims)}] needs {count} elements of {type}, got {raw.Length} bytes.");
        }
        Name = name;
        Type = type;
        Dims = dims;
        Raw = raw;
    }

    public string Name { get; }
    public OnnxElementType Type { get; }
    public IReadOnlyList<long> Dims { get; }
    internal byte[] Raw { get; }

    public static OnnxTensorData Floats(string name, ReadOnlySpan<float> values, params long[] dims) =>
        new(name, OnnxElementType.Float, dims, ToLittleEndianBytes(values));

    public static OnnxTensorData Int64s(string name, ReadOnlySpan<long> values, params long[] dims) =>
        new(name, OnnxElementType.Int64, dims, ToLittleEndianBytes(values));

    public static OnnxTensorData Int32s(string name, ReadOnlySpan<int> values, params long[] dims) =>
        new(name, OnnxElementType.Int32, dims, ToLittleEndianBytes(values));

    public static OnnxTensorData Int8s(string name, ReadOnlySpan<sbyte> values, params long[] dims) =>
        new(name, OnnxElementType.Int8, dims, ToLittleEndianBytes(values));

    public static OnnxTensorData UInt8s(string name, ReadOnlySpan<byte> values, params long[] dims) =>
        new(name, OnnxElementType.UInt8, dims, values.ToArray());

    /// <summary>Copies the values back out; used by tests and by constant folding in the converters.</summary>
    public float[] ToFloats() => Type == OnnxElementType.Float
        ? MemoryMarshal.Cast<byte, float>(Raw).ToArray()
        : throw new InvalidOperationException($"Constant '{Name}' is {Type}, not Float.");

    public long[] ToInt64s() => Type == OnnxElementType.Int64
        ? MemoryMarshal.Cast<byte, long>(Raw).ToArray()
        : throw new InvalidOperationException($"Constant '{Name}' is {Type}, not Int64.");

    internal void WriteTo(ProtobufWriter w)
    {
        foreach (var d in Dims) w.WriteVarint(1, d);
        w.WriteVarint(2, (int)Type);
        w.WriteString(8, Name);
        w.WriteBytes(9, Raw);
    }

    private static int ElementSize(OnnxElementType type) => type switch
    {
        OnnxElementType.Float or OnnxElementType.Int32 => 4,
        OnnxElementType.Int64 => 8,
        OnnxElementType.Float16 => 2,
        OnnxElementType.UInt8 or OnnxElementType.Int8 or OnnxElementType.Bool => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private static byte[] ToLittleEndianBytes<T>(ReadOnlySpan<T> values) where T : unmanaged
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("The converter writes little-endian hosts only.");
        return MemoryMarshal.AsBytes(values).ToArray();
    }
}
