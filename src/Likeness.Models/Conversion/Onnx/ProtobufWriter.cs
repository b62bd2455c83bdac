using System.Buffers.Binary;
using System.Text;

namespace Likeness.Models.Conversion.Onnx;

/// <summary>Minimal protocol-buffers encoder: just the wire types ONNX's ModelProto needs.</summary>
/// <remarks>
/// Writing protobuf by hand keeps the converter free of a code generator and a runtime package;
/// ONNX uses four wire types only. Repeated scalars are written unpacked, as proto2 (onnx.proto's
/// syntax) does by default; conforming parsers accept either form.
/// </remarks>
internal sealed class ProtobufWriter
{
    private readonly MemoryStream _buffer = new();

    public void WriteVarint(int field, long value)
    {
        WriteTag(field, 0);
        WriteRawVarint((ulong)value);
    }

    public void WriteFixed32Float(int field, float value)
    {
        WriteTag(field, 5);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        _buffer.Write(bytes);
    }

    public void WriteString(int field, string value) => WriteBytes(field, Encoding.UTF8.GetBytes(value));

    public void WriteBytes(int field, ReadOnlySpan<byte> value)
    {
        WriteTag(field, 2);
        WriteRawVarint((ulong)value.Length);
        _buffer.Write(value);
    }

    public void WriteMessage(int field, Action<ProtobufWriter> writeBody)
    {
        var inner = new ProtobufWriter();
        writeBody(inner);
        WriteBytes(field, inner.ToArray());
    }

    public byte[] ToArray() => _buffer.ToArray();

    private void WriteTag(int field, int wireType) => WriteRawVarint((ulong)((field << 3) | wireType));

    private void WriteRawVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        _buffer.WriteByte((byte)value);
    }
}
