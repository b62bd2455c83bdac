using System.Buffers.Binary;

namespace Likeness.Imaging.Tests.Encoders;

/// <summary>Builds minimal EXIF TIFF structures (TIFF 6.0 section 2) holding an Orientation tag.</summary>
internal static class ExifBlock
{
    /// <summary>A TIFF header and IFD0 with a few harmless tags and Orientation (SHORT, or LONG when asked).</summary>
    public static byte[] WithOrientation(int orientation, bool littleEndian = true, bool asLong = false)
    {
        // Entries sorted by tag as TIFF asks: ImageWidth (0x0100), Orientation (0x0112), XResolution-ish filler (0x011A as SHORT).
        (ushort Tag, ushort Type, uint Value)[] entries =
        [
            (0x0100, 3, 640),
            (0x0112, asLong ? (ushort)4 : (ushort)3, (uint)orientation),
            (0x0128, 3, 2),
        ];
        return Build(littleEndian, ifdOffset: 8, entryCount: (ushort)entries.Length, entries);
    }

    /// <summary>Raw builder: entryCount may lie, ifdOffset may point anywhere.</summary>
    public static byte[] Build(bool littleEndian, uint ifdOffset, ushort entryCount, (ushort Tag, ushort Type, uint Value)[] entries)
    {
        var tiff = new byte[8 + 2 + (entries.Length * 12) + 4];
        tiff[0] = tiff[1] = littleEndian ? (byte)'I' : (byte)'M';
        Write16(tiff, 2, 42, littleEndian);
        Write32(tiff, 4, ifdOffset, littleEndian);
        Write16(tiff, 8, entryCount, littleEndian);
        for (int i = 0; i < entries.Length; i++)
        {
            int at = 10 + (i * 12);
            Write16(tiff, at, entries[i].Tag, littleEndian);
            Write16(tiff, at + 2, entries[i].Type, littleEndian);
            Write32(tiff, at + 4, 1, littleEndian);
            if (entries[i].Type == 3)
            {
                Write16(tiff, at + 8, (ushort)entries[i].Value, littleEndian);
            }
            else
            {
                Write32(tiff, at + 8, entries[i].Value, littleEndian);
            }
        }

        return tiff;
    }

    private static void Write16(byte[] data, int at, ushort value, bool littleEndian)
    {
        if (littleEndian)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(at), value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(at), value);
        }
    }

    private static void Write32(byte[] data, int at, uint value, bool littleEndian)
    {
        if (littleEndian)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(at), value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(at), value);
        }
    }
}
