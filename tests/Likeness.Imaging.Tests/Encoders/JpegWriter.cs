using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Likeness.Imaging.Tests.Encoders;

/// <summary>Makes JPEGs with TurboJPEG's compressor (tjCompress2, libjpeg-turbo 2.1), and splices in EXIF.</summary>
internal static unsafe partial class JpegWriter
{
    // turbojpeg.h: enum TJPF, enum TJSAMP, TJFLAG_PROGRESSIVE.
    public const int Rgb = 0;
    public const int Gray = 6;
    public const int Cmyk = 11;
    public const int Subsampling444 = 0;
    public const int Subsampling420 = 2;
    public const int SubsamplingGray = 3;
    private const int FlagProgressive = 16384;
    private const string Library = "libturbojpeg.so.0";

    /// <summary>
    /// Compresses packed pixels (RGB: 3 bytes, gray: 1, CMYK: 4 per pixel). CMYK input is written
    /// as a YCCK JPEG with an Adobe marker, as Photoshop does.
    /// </summary>
    public static byte[] Encode(byte[] pixels, int width, int height, int pixelFormat = Rgb, int subsampling = Subsampling444, int quality = 95, bool progressive = false)
    {
        nint handle = InitCompress();
        Assert.NotEqual(0, handle);
        byte* jpeg = null;
        CULong size = default;
        try
        {
            fixed (byte* source = pixels)
            {
                int result = Compress2(handle, source, width, 0, height, pixelFormat, &jpeg, &size, subsampling, quality, progressive ? FlagProgressive : 0);
                Assert.True(result == 0, Marshal.PtrToStringUTF8((nint)GetErrorStr2(handle)));
            }

            return new ReadOnlySpan<byte>(jpeg, checked((int)size.Value)).ToArray();
        }
        finally
        {
            Free(jpeg);
            Destroy(handle);
        }
    }

    /// <summary>Inserts an APP1 "Exif\0\0" segment holding <paramref name="tiff"/> right after SOI and any APP0.</summary>
    public static byte[] WithExif(byte[] jpeg, byte[] tiff)
    {
        int at = 2;
        if (jpeg[2] == 0xFF && jpeg[3] == 0xE0)
        {
            at = 4 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(4));
        }

        byte[] payload = [.. "Exif\0\0"u8, .. tiff];
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return [.. jpeg.AsSpan(0, at), .. segment, .. jpeg.AsSpan(at)];
    }

    /// <summary>Offset of the first SOFn marker (FF C0-CF other than C4, C8, CC), whose height sits at +5 and width at +7.</summary>
    public static int FindStartOfFrame(byte[] jpeg)
    {
        for (int i = 2; i < jpeg.Length - 1; i++)
        {
            byte m = jpeg[i + 1];
            if (jpeg[i] == 0xFF && m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC)
            {
                return i;
            }
        }

        throw new InvalidOperationException("No SOF marker.");
    }

    [LibraryImport(Library, EntryPoint = "tjInitCompress")]
    private static partial nint InitCompress();

    [LibraryImport(Library, EntryPoint = "tjCompress2")]
    private static partial int Compress2(nint handle, byte* srcBuf, int width, int pitch, int height, int pixelFormat, byte** jpegBuf, CULong* jpegSize, int jpegSubsamp, int jpegQual, int flags);

    [LibraryImport(Library, EntryPoint = "tjFree")]
    private static partial void Free(byte* buffer);

    [LibraryImport(Library, EntryPoint = "tjDestroy")]
    private static partial int Destroy(nint handle);

    [LibraryImport(Library, EntryPoint = "tjGetErrorStr2")]
    private static partial byte* GetErrorStr2(nint handle);
}
