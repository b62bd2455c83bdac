using System.Buffers.Binary;

namespace Likeness.Imaging.Png;

/// <summary>
/// Walks PNG chunk headers (ISO/IEC 15948 section 5.3) for what libspng does not tell us before
/// decoding: the eXIf chunk, which may sit before or after the image data, and whether tRNS is
/// present. Lengths are checked against the buffer; chunk data is skipped, not read, so the walk is
/// cheap even past megabytes of IDAT. CRCs are not checked here: libspng checks them while decoding,
/// and a damaged EXIF block only risks an orientation of 1.
/// </summary>
internal static class PngChunks
{
    private const int SignatureLength = 8;

    /// <summary>Returns the TIFF structure of the first eXIf chunk, or an empty span.</summary>
    public static ReadOnlySpan<byte> FindExif(ReadOnlySpan<byte> png)
    {
        ReadOnlySpan<byte> data = Find(png, "eXIf"u8, stopAtImageData: false);

        // Some writers keep the JPEG APP1 "Exif\0\0" prefix; the PNG extension says the data is bare TIFF.
        return data.StartsWith("Exif\0\0"u8) ? data[6..] : data;
    }

    /// <summary>True when a tRNS chunk precedes the image data (where the standard requires it).</summary>
    public static bool HasTransparencyChunk(ReadOnlySpan<byte> png) => Find(png, "tRNS"u8, stopAtImageData: true).Length > 0;

    private static ReadOnlySpan<byte> Find(ReadOnlySpan<byte> png, ReadOnlySpan<byte> type, bool stopAtImageData)
    {
        int offset = SignatureLength;
        while (offset <= png.Length - 12)
        {
            uint length = BinaryPrimitives.ReadUInt32BigEndian(png.Slice(offset, 4));
            ReadOnlySpan<byte> chunkType = png.Slice(offset + 4, 4);

            // Length (4) + type (4) + data + CRC (4) must fit; the standard caps length at 2^31 - 1.
            if (length > (uint)(png.Length - offset - 12))
            {
                break;
            }

            if (chunkType.SequenceEqual(type))
            {
                return png.Slice(offset + 8, (int)length);
            }

            if (chunkType.SequenceEqual("IEND"u8) || (stopAtImageData && chunkType.SequenceEqual("IDAT"u8)))
            {
                break;
            }

            offset += 12 + (int)length;
        }

        return [];
    }
}
