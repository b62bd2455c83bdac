using System.Buffers.Binary;

namespace Likeness.Imaging.Jpeg;

/// <summary>
/// Walks JPEG marker segments (ITU T.81 annex B) to find what TurboJPEG does not report: the EXIF
/// block, and whether the scan data is followed by an end-of-image marker. Every length is checked
/// against the buffer; the walk only moves forward, so it ends within bytes.Length steps.
/// </summary>
internal static class JpegMarkers
{
    private const byte StartOfScan = 0xDA;
    private const byte EndOfImage = 0xD9;
    private const byte App1 = 0xE1;

    // APP1 payloads holding EXIF start with this (EXIF 2.32 section 4.5.4); XMP's APP1 does not.
    private static ReadOnlySpan<byte> ExifHeader => "Exif\0\0"u8;

    /// <summary>Returns the TIFF structure of the first EXIF APP1 segment before the first scan, or an empty span.</summary>
    public static ReadOnlySpan<byte> FindExif(ReadOnlySpan<byte> jpeg)
    {
        int offset = 2; // after SOI
        while (TryReadSegment(jpeg, ref offset, out byte marker, out ReadOnlySpan<byte> payload))
        {
            if (marker == StartOfScan || marker == EndOfImage)
            {
                break;
            }

            if (marker == App1 && payload.StartsWith(ExifHeader))
            {
                return payload[ExifHeader.Length..];
            }
        }

        return [];
    }

    /// <summary>
    /// True when an EOI marker (FF D9) follows the first start-of-scan. Entropy-coded data cannot
    /// contain FF D9 (T.81 B.1.1.5: a data 0xFF is always stuffed as FF 00), and EOI inside an EXIF
    /// thumbnail sits before the scan, so its absence means the file was cut short.
    /// </summary>
    public static bool HasEndOfImageAfterScan(ReadOnlySpan<byte> jpeg)
    {
        int offset = 2;
        while (TryReadSegment(jpeg, ref offset, out byte marker, out _))
        {
            if (marker == StartOfScan)
            {
                return jpeg[offset..].IndexOf([(byte)0xFF, EndOfImage]) >= 0;
            }

            if (marker == EndOfImage)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// Reads the next marker at or after <paramref name="offset"/> and its payload, moving past the
    /// segment; false at the end of the data or when a length runs past it.
    /// </summary>
    private static bool TryReadSegment(ReadOnlySpan<byte> jpeg, scoped ref int offset, out byte marker, out ReadOnlySpan<byte> payload)
    {
        marker = 0;
        payload = [];

        // Skip stray bytes before the marker as libjpeg does (it only warns about them), then the
        // marker's 0xFF and optional 0xFF fill bytes, then the code (T.81 B.1.1.2).
        int next = offset < jpeg.Length ? jpeg[offset..].IndexOf((byte)0xFF) : -1;
        if (next < 0)
        {
            return false;
        }

        offset += next;

        while (offset < jpeg.Length && jpeg[offset] == 0xFF)
        {
            offset++;
        }

        if (offset >= jpeg.Length)
        {
            return false;
        }

        marker = jpeg[offset++];

        // Standalone markers carry no length: TEM, RST0-7, SOI, EOI (T.81 table B.1).
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD9))
        {
            return true;
        }

        if (offset + 2 > jpeg.Length)
        {
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.Slice(offset, 2));
        if (length < 2 || offset + length > jpeg.Length)
        {
            return false;
        }

        payload = jpeg.Slice(offset + 2, length - 2);
        offset += length;
        return true;
    }
}
