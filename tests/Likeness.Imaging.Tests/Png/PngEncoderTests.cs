using System.Buffers.Binary;
using System.IO.Compression;
using Likeness.Imaging.Png;
using Likeness.Imaging.Tests.Encoders;
using static Likeness.Imaging.Tests.Encoders.TestPatterns;

namespace Likeness.Imaging.Tests.Png;

/// <summary>PNG is lossless, so every round trip must give back exactly the pixels that went in.</summary>
public sealed class PngEncoderTests
{
    private readonly ImageDecoder _decoder = new();

    public static TheoryData<string, int, int> Patterns => new()
    {
        { "coordinates", 96, 84 },
        { "coordinates", 81, 255 },
        { "quadrants", 80, 80 },
        { "quadrants", 640, 97 },
        { "noise", 123, 97 },
        { "noise", 300, 300 }, // 270 KB of incompressible data: several IDAT chunks
        { "gradient", 1000, 80 },
    };

    [Theory]
    [MemberData(nameof(Patterns))]
    public void EncodedImagesDecodeToTheSamePixels(string pattern, int width, int height)
    {
        var image = new DecodedImage(width, height, Make(pattern, width, height));

        DecodedImage decoded = _decoder.Decode(PngEncoder.Encode(image));

        Assert.Equal((width, height), (decoded.Width, decoded.Height));
        Assert.Equal(image.Pixels, decoded.Pixels);
    }

    [Fact]
    public void TheFileIsSignatureIhdrIdatIendWithValidCrcs()
    {
        var image = new DecodedImage(300, 300, Make("noise", 300, 300));

        byte[] png = PngEncoder.Encode(image);

        Assert.Equal(PngWriter.Signature, png[..8]);
        var chunks = ReadChunks(png);
        Assert.Equal("IHDR", chunks[0].Type);
        Assert.Equal("IEND", chunks[^1].Type);
        Assert.True(chunks.Count >= 5, $"{chunks.Count} chunks; 270 KB of noise should need several IDATs");
        Assert.All(chunks[1..^1], c => Assert.Equal("IDAT", c.Type));
        Assert.All(chunks, c => Assert.True(c.CrcMatches, $"{c.Type} CRC"));

        byte[] ihdr = chunks[0].Data;
        Assert.Equal(300u, BinaryPrimitives.ReadUInt32BigEndian(ihdr));
        Assert.Equal(300u, BinaryPrimitives.ReadUInt32BigEndian(ihdr.AsSpan(4)));
        Assert.Equal(new byte[] { 8, 2, 0, 0, 0 }, ihdr[8..]);
    }

    [Fact]
    public void EveryScanlineStartsWithAValidFilterType()
    {
        var image = new DecodedImage(96, 84, Make("coordinates", 96, 84));

        byte[] scanlines = Inflate(PngEncoder.Encode(image));

        int stride = (96 * 3) + 1;
        Assert.Equal(stride * 84, scanlines.Length);
        for (int y = 0; y < 84; y++)
        {
            Assert.InRange(scanlines[y * stride], 0, 4);
        }
    }

    [Fact]
    public void AGradientIsFilteredAndComesOutSmallerThanUnfilteredRows()
    {
        var image = new DecodedImage(1000, 80, Make("gradient", 1000, 80));

        byte[] filtered = PngEncoder.Encode(image);
        byte[] unfiltered = PngWriter.Encode(1000, 80, 8, PngWriter.Truecolor, image.Pixels);

        Assert.Contains(Inflate(filtered).Where((_, i) => i % ((1000 * 3) + 1) == 0), f => f != 0);
        Assert.True(filtered.Length * 2 < unfiltered.Length, $"filtered {filtered.Length} bytes, unfiltered {unfiltered.Length}");
    }

    [Fact]
    public void WriteLeavesTheStreamOpenAndMatchesEncode()
    {
        var image = new DecodedImage(80, 80, Quadrants(80, 80));
        using var stream = new MemoryStream();

        PngEncoder.Write(image, stream);
        stream.WriteByte(0x42);

        Assert.Equal([.. PngEncoder.Encode(image), 0x42], stream.ToArray());
    }

    private static byte[] Make(string pattern, int width, int height) => pattern switch
    {
        "coordinates" => Coordinates(width, height),
        "quadrants" => Quadrants(width, height),
        "noise" => Noise(width, height),
        "gradient" => Gradient(width, height),
        _ => throw new ArgumentException(pattern, nameof(pattern)),
    };

    /// <summary>Seeded, so a failure reproduces; every byte value including 128 (sbyte.MinValue after filtering) occurs.</summary>
    private static byte[] Noise(int width, int height)
    {
        var rgb = new byte[width * height * 3];
        new Random(20240607).NextBytes(rgb);
        return rgb;
    }

    /// <summary>Smooth horizontal and vertical ramps, where Sub and Up predict almost every byte.</summary>
    private static byte[] Gradient(int width, int height)
    {
        var rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int i = ((y * width) + x) * 3;
                rgb[i] = (byte)(x * 255 / width);
                rgb[i + 1] = (byte)(y * 255 / height);
                rgb[i + 2] = (byte)((x + y) / 8);
            }
        }

        return rgb;
    }

    private static List<(string Type, byte[] Data, bool CrcMatches)> ReadChunks(byte[] png)
    {
        var chunks = new List<(string, byte[], bool)>();
        int offset = 8;
        while (offset < png.Length)
        {
            int length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset));
            string type = System.Text.Encoding.ASCII.GetString(png, offset + 4, 4);
            byte[] data = png[(offset + 8)..(offset + 8 + length)];
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length));
            chunks.Add((type, data, crc == PngWriter.Crc32(png.AsSpan(offset + 4, 4 + length))));
            offset += 12 + length;
        }

        return chunks;
    }

    private static byte[] Inflate(byte[] png)
    {
        byte[] idat = ReadChunks(png).Where(c => c.Type == "IDAT").SelectMany(c => c.Data).ToArray();
        using var zlib = new ZLibStream(new MemoryStream(idat), CompressionMode.Decompress);
        using var output = new MemoryStream();
        zlib.CopyTo(output);
        return output.ToArray();
    }
}
