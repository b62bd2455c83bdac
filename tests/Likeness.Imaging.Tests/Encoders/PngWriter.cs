using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Likeness.Imaging.Tests.Encoders;

/// <summary>
/// Writes PNGs by hand (zlib from the BCL, CRC-32 below) so tests control every byte: colour
/// types, bit depths, palettes, tRNS, eXIf placement, Adam7 interlacing, and headers that lie.
/// </summary>
internal static class PngWriter
{
    public const byte Grayscale = 0;
    public const byte Truecolor = 2;
    public const byte Indexed = 3;
    public const byte GrayscaleAlpha = 4;
    public const byte TruecolorAlpha = 6;

    private static readonly uint[] CrcTable = BuildCrcTable();

    public static byte[] Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// A whole PNG from unfiltered rows of packed samples (<paramref name="rows"/> holds height rows of
    /// ceil(width * bits per pixel / 8) bytes). Extra chunks go right after IHDR (PLTE, tRNS, eXIf ...)
    /// or right after IDAT.
    /// </summary>
    public static byte[] Encode(
        int width,
        int height,
        byte bitDepth,
        byte colorType,
        byte[] rows,
        IEnumerable<byte[]>? chunksBeforeImageData = null,
        IEnumerable<byte[]>? chunksAfterImageData = null,
        bool interlaced = false)
    {
        byte[] imageData = interlaced
            ? Zlib(Adam7Scanlines(width, height, BitsPerPixel(bitDepth, colorType), rows))
            : Zlib(Scanlines(RowBytes(width, bitDepth, colorType), height, rows));

        using var png = new MemoryStream();
        png.Write(Signature);
        png.Write(Ihdr(width, height, bitDepth, colorType, interlaced));
        foreach (byte[] chunk in chunksBeforeImageData ?? [])
        {
            png.Write(chunk);
        }

        png.Write(Chunk("IDAT", imageData));
        foreach (byte[] chunk in chunksAfterImageData ?? [])
        {
            png.Write(chunk);
        }

        png.Write(Chunk("IEND", []));
        return png.ToArray();
    }

    /// <summary>An IHDR chunk; any width and height, so tests can lie about the size.</summary>
    public static byte[] Ihdr(long width, long height, byte bitDepth, byte colorType, bool interlaced = false)
    {
        var data = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(0), (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(4), (uint)height);
        data[8] = bitDepth;
        data[9] = colorType;
        data[12] = interlaced ? (byte)1 : (byte)0;
        return Chunk("IHDR", data);
    }

    /// <summary>length, type, data, CRC-32 of type and data (ISO/IEC 15948 section 5.3).</summary>
    public static byte[] Chunk(string type, ReadOnlySpan<byte> data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        Encoding.ASCII.GetBytes(type, chunk.AsSpan(4, 4));
        data.CopyTo(chunk.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    /// <summary>A PLTE chunk from RGB triples.</summary>
    public static byte[] Palette(params (byte R, byte G, byte B)[] entries)
    {
        byte[] data = entries.SelectMany(e => new[] { e.R, e.G, e.B }).ToArray();
        return Chunk("PLTE", data);
    }

    public static byte[] Zlib(ReadOnlySpan<byte> data, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, level))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    public static int RowBytes(int width, byte bitDepth, byte colorType) => ((width * BitsPerPixel(bitDepth, colorType)) + 7) / 8;

    /// <summary>Packs one sample per element (values below 2^bitDepth) into rows, MSB first, big-endian for 16-bit.</summary>
    public static byte[] PackSamples(int width, int height, int samplesPerPixel, byte bitDepth, ReadOnlySpan<int> samples)
    {
        int rowBytes = ((width * samplesPerPixel * bitDepth) + 7) / 8;
        var rows = new byte[rowBytes * height];
        int perRow = width * samplesPerPixel;
        for (int y = 0; y < height; y++)
        {
            for (int i = 0; i < perRow; i++)
            {
                int value = samples[(y * perRow) + i];
                int bit = i * bitDepth;
                int at = (y * rowBytes) + (bit / 8);
                if (bitDepth == 16)
                {
                    BinaryPrimitives.WriteUInt16BigEndian(rows.AsSpan(at), (ushort)value);
                }
                else if (bitDepth == 8)
                {
                    rows[at] = (byte)value;
                }
                else
                {
                    rows[at] |= (byte)(value << (8 - bitDepth - (bit % 8)));
                }
            }
        }

        return rows;
    }

    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFF;
    }

    private static int BitsPerPixel(byte bitDepth, byte colorType) => bitDepth * colorType switch
    {
        Truecolor => 3,
        GrayscaleAlpha => 2,
        TruecolorAlpha => 4,
        _ => 1,
    };

    private static byte[] Scanlines(int rowBytes, int height, byte[] rows)
    {
        var scanlines = new byte[(rowBytes + 1) * height];
        for (int y = 0; y < height; y++)
        {
            // Filter type 0 (None) first, then the row as is.
            rows.AsSpan(y * rowBytes, rowBytes).CopyTo(scanlines.AsSpan((y * (rowBytes + 1)) + 1));
        }

        return scanlines;
    }

    /// <summary>The seven Adam7 passes (ISO/IEC 15948 section 8.2), whole-byte pixels only.</summary>
    private static byte[] Adam7Scanlines(int width, int height, int bitsPerPixel, byte[] rows)
    {
        if (bitsPerPixel % 8 != 0)
        {
            throw new NotSupportedException("Test interlacing handles whole-byte pixels only.");
        }

        int pixelBytes = bitsPerPixel / 8;
        int[] startX = [0, 4, 0, 2, 0, 1, 0];
        int[] startY = [0, 0, 4, 0, 2, 0, 1];
        int[] stepX = [8, 8, 4, 4, 2, 2, 1];
        int[] stepY = [8, 8, 8, 4, 4, 2, 2];
        using var output = new MemoryStream();
        for (int pass = 0; pass < 7; pass++)
        {
            for (int y = startY[pass]; y < height; y += stepY[pass])
            {
                if (startX[pass] >= width)
                {
                    break;
                }

                output.WriteByte(0);
                for (int x = startX[pass]; x < width; x += stepX[pass])
                {
                    output.Write(rows, ((y * width) + x) * pixelBytes, pixelBytes);
                }
            }
        }

        return output.ToArray();
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
