using System.Buffers.Binary;
using System.Text;
using Likeness.Models.Conversion.Tfjs;

namespace Likeness.Models.Conversion.Dlib;

/// <summary>
/// The parameter tensors of a network serialised by dlib (`serialize(net, out)`, the .dat files of dlib-models), in
/// file order, which is input to output: each convolution (`con_`), affine (`affine_`) and fully connected (`fc_`)
/// layer's tag and its one params tensor.
/// </summary>
/// <remarks>
/// dlib writes an integer as one byte (its length, 0x80 when negative) followed by that many little-endian bytes, a
/// string as its length then its characters, and a tensor as version 2, its four dimensions and then its values as
/// little-endian IEEE floats. The other layers (relu, pooling, tags, skips, additions) carry no parameters; the
/// architecture they make is known from the model's published definition, not read here. A layer tag is found by
/// its serialised string, so the reader needs no model of every dlib layer's fields: it reads the params tensor that
/// follows a convolution or affine tag directly, and the one after a fully connected layer's two sizes.
/// </remarks>
public sealed class DlibDnnFile
{
    private DlibDnnFile(IReadOnlyList<DlibLayer> layers) => Layers = layers;

    /// <summary>Every parameterised layer, input first.</summary>
    public IReadOnlyList<DlibLayer> Layers { get; }

    /// <exception cref="TfjsConversionException">The file ends inside a tensor or holds no layer this reader knows.</exception>
    public static DlibDnnFile Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var layers = new List<DlibLayer>();
        var name = Path.GetFileName(path);
        for (var at = 0; at < bytes.Length - 8; at++)
        {
            if (Tag(bytes, at) is not { } tag) continue;
            var position = at + 2 + tag.Length;
            if (tag.StartsWith("fc_", StringComparison.Ordinal))
            {
                ReadInt(bytes, ref position, name); // outputs
                ReadInt(bytes, ref position, name); // inputs
            }
            var (shape, values) = ReadTensor(bytes, ref position, name, tag);
            layers.Add(new DlibLayer(tag, shape, values));
            at = position - 1;
        }
        return layers.Count > 0 ? new DlibDnnFile(layers) : throw new TfjsConversionException($"{name} holds no dlib con_, affine_ or fc_ layer.");
    }

    private static readonly string[] Tags = ["con_4", "con_5", "affine_", "fc_2"];
    private static readonly byte[][] TagBytes = [.. Tags.Select(Encoding.ASCII.GetBytes)];

    // A serialised string "con_4", "con_5", "affine_" or "fc_2" (its one-byte length, then its characters) at at.
    private static string? Tag(byte[] bytes, int at)
    {
        if (bytes[at] != 1) return null;
        var length = bytes[at + 1];
        for (var i = 0; i < Tags.Length; i++)
        {
            if (TagBytes[i].Length == length && at + 2 + length <= bytes.Length && bytes.AsSpan(at + 2, length).SequenceEqual(TagBytes[i])) return Tags[i];
        }
        return null;
    }

    private static long ReadInt(byte[] bytes, ref int position, string file)
    {
        if (position >= bytes.Length) throw Truncated(file);
        var header = bytes[position++];
        var size = header & 0x0F;
        if (size > 8 || position + size > bytes.Length) throw new TfjsConversionException($"{file}: malformed integer at byte {position - 1}.");
        long value = 0;
        for (var i = 0; i < size; i++) value |= (long)bytes[position + i] << (8 * i);
        position += size;
        return (header & 0x80) != 0 ? -value : value;
    }

    private static (long[] Shape, float[] Values) ReadTensor(byte[] bytes, ref int position, string file, string tag)
    {
        var start = position;
        if (ReadInt(bytes, ref position, file) != 2) throw new TfjsConversionException($"{file}: the tensor of {tag} at byte {start} is not dlib's version 2.");
        long[] shape = [ReadInt(bytes, ref position, file), ReadInt(bytes, ref position, file), ReadInt(bytes, ref position, file), ReadInt(bytes, ref position, file)];
        var count = shape.Aggregate(1L, (a, b) => a * b);
        if (shape.Any(d => d < 0) || count > (bytes.Length - position) / 4) throw Truncated(file);
        var values = new float[count];
        for (var i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(position + 4 * i, 4));
        position += 4 * (int)count;
        return (shape, values);
    }

    private static TfjsConversionException Truncated(string file) => new($"{file} ends inside a tensor; is it a complete dlib .dat file?");
}

/// <summary>One parameterised layer of a dlib network: its serialised tag and its params tensor (dlib's num_samples, k, nr, nc).</summary>
public sealed record DlibLayer(string Tag, long[] Shape, float[] Values);
