using Likeness.Models.Conversion.Dlib;
using Likeness.Models.Conversion.Tfjs;

namespace Likeness.Models.Tests.Conversion;

/// <summary>dlib's serialisation on hand-written bytes: packed integers, tagged layers, little-endian float tensors.</summary>
public sealed class DlibDnnFileTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("likeness-dlib-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void ReadsEachTaggedLayersTensorInFileOrderSkippingWhatHasNoParameters()
    {
        var bytes = new List<byte>();
        Text(bytes, "relu_");
        Int(bytes, 7);
        Text(bytes, "con_4");
        Tensor(bytes, [5, 1, 1, 1], [1f, -2f, 0.5f, 3.25f, 1e-3f]);
        Text(bytes, "affine_");
        Tensor(bytes, [2, 1, 1, 1], [10f, -10f]);
        Text(bytes, "fc_2");
        Int(bytes, 2); // outputs
        Int(bytes, 300); // inputs: a two-byte integer
        Tensor(bytes, [3, 2, 1, 1], [1f, 2f, 3f, 4f, 5f, 6f]);
        Int(bytes, -1);

        var file = DlibDnnFile.Read(Write(bytes));

        Assert.Equal(["con_4", "affine_", "fc_2"], file.Layers.Select(l => l.Tag));
        Assert.Equal([1f, -2f, 0.5f, 3.25f, 1e-3f], file.Layers[0].Values);
        Assert.Equal([10f, -10f], file.Layers[1].Values);
        Assert.Equal([3L, 2, 1, 1], file.Layers[2].Shape);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], file.Layers[2].Values);
    }

    [Fact]
    public void ATruncatedTensorOrAFileWithoutLayersIsRefused()
    {
        var truncated = new List<byte>();
        Text(truncated, "con_4");
        Tensor(truncated, [4, 1, 1, 1], [1f, 2f, 3f, 4f]);
        truncated.RemoveRange(truncated.Count - 3, 3);
        Assert.Throws<TfjsConversionException>(() => DlibDnnFile.Read(Write(truncated)));

        var none = new List<byte>();
        Text(none, "relu_");
        Int(none, 1234);
        Int(none, 5678);
        Assert.Throws<TfjsConversionException>(() => DlibDnnFile.Read(Write(none)));
    }

    private string Write(List<byte> bytes)
    {
        var path = Path.Combine(_directory.FullName, Guid.NewGuid().ToString("N") + ".dat");
        File.WriteAllBytes(path, [.. bytes]);
        return path;
    }

    // dlib's packed integer: a byte with the length (0x80 when negative), then that many little-endian bytes.
    private static void Int(List<byte> bytes, long value)
    {
        var magnitude = (ulong)Math.Abs(value);
        var body = new List<byte>();
        do
        {
            body.Add((byte)(magnitude & 0xFF));
            magnitude >>= 8;
        }
        while (magnitude != 0);
        bytes.Add((byte)(body.Count | (value < 0 ? 0x80 : 0)));
        bytes.AddRange(body);
    }

    private static void Text(List<byte> bytes, string text)
    {
        Int(bytes, text.Length);
        bytes.AddRange(System.Text.Encoding.ASCII.GetBytes(text));
    }

    private static void Tensor(List<byte> bytes, long[] shape, float[] values)
    {
        Int(bytes, 2);
        foreach (var d in shape) Int(bytes, d);
        foreach (var v in values) bytes.AddRange(BitConverter.GetBytes(v));
    }
}
