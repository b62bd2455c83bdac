using System.Buffers.Binary;

namespace Likeness.Imaging.Exif;

/// <summary>
/// Reads the Orientation tag (0x0112) from an EXIF TIFF structure. EXIF comes from the uploader, so
/// every offset is bounds-checked, both byte orders are handled, and only IFD0 is read (orientation
/// lives there; sub-IFDs and the thumbnail's IFD1 are never followed, so there is nothing to recurse
/// into and no loop to bomb). Anything malformed yields 1 (upright), as browsers do: a broken EXIF
/// block is not a broken image.
/// </summary>
/// <remarks>TIFF 6.0 section 2 (header, IFD layout); EXIF 2.32 section 4.6.4 (tag 0x0112, values 1-8).</remarks>
internal static class ExifOrientationReader
{
    /// <summary>Orientation when there is no usable tag: stored pixels are already upright.</summary>
    public const int Upright = 1;

    private const ushort OrientationTag = 0x0112;
    private const ushort TypeShort = 3;
    private const ushort TypeLong = 4;
    private const int TiffHeaderSize = 8;
    private const int IfdEntrySize = 12;

    /// <summary>Returns 1-8 from a TIFF block starting with "II*\0" or "MM\0*"; 1 if absent or invalid.</summary>
    public static int Read(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < TiffHeaderSize)
        {
            return Upright;
        }

        bool littleEndian;
        if (tiff[0] == (byte)'I' && tiff[1] == (byte)'I')
        {
            littleEndian = true;
        }
        else if (tiff[0] == (byte)'M' && tiff[1] == (byte)'M')
        {
            littleEndian = false;
        }
        else
        {
            return Upright;
        }

        if (ReadUInt16(tiff, 2, littleEndian) != 42)
        {
            return Upright;
        }

        // Offsets are unsigned 32-bit; anything past the block (or past int range) is simply absent.
        uint ifdOffset = ReadUInt32(tiff, 4, littleEndian);
        if (ifdOffset > (uint)(tiff.Length - 2))
        {
            return Upright;
        }

        int ifd = (int)ifdOffset;
        int entryCount = ReadUInt16(tiff, ifd, littleEndian);

        // Only the entries that fit are read, so a count of 65535 in a tiny block costs nothing.
        int available = (tiff.Length - ifd - 2) / IfdEntrySize;
        int count = Math.Min(entryCount, available);
        for (int i = 0; i < count; i++)
        {
            int entry = ifd + 2 + (i * IfdEntrySize);
            if (ReadUInt16(tiff, entry, littleEndian) != OrientationTag)
            {
                continue;
            }

            ushort type = ReadUInt16(tiff, entry + 2, littleEndian);
            uint valueCount = ReadUInt32(tiff, entry + 4, littleEndian);
            if (valueCount < 1)
            {
                return Upright;
            }

            // The value (one SHORT, or one LONG from sloppy writers) sits inline in the entry's last 4 bytes.
            uint value = type switch
            {
                TypeShort => ReadUInt16(tiff, entry + 8, littleEndian),
                TypeLong => ReadUInt32(tiff, entry + 8, littleEndian),
                _ => 0,
            };
            return value is >= 1 and <= 8 ? (int)value : Upright;
        }

        return Upright;
    }

    private static ushort ReadUInt16(ReadOnlySpan<byte> data, int offset, bool littleEndian)
    {
        ReadOnlySpan<byte> bytes = data.Slice(offset, 2);
        return littleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(bytes) : BinaryPrimitives.ReadUInt16BigEndian(bytes);
    }

    private static uint ReadUInt32(ReadOnlySpan<byte> data, int offset, bool littleEndian)
    {
        ReadOnlySpan<byte> bytes = data.Slice(offset, 4);
        return littleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(bytes) : BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }
}
