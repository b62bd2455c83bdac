using System.Runtime.InteropServices;

namespace Likeness.Imaging.Png;

/// <summary>
/// The decoding API of libspng (Debian 12 package <c>libspng0</c>, 0.7.3). Signatures, enum
/// values and the spng_ihdr layout are from that version's spng.h.
/// </summary>
internal static unsafe partial class SpngNative
{
    public const string LibraryName = "libspng.so.0";
    public const string DebianPackage = "libspng0";

    // enum spng_errno
    public const int ErrorOutOfMemory = 2;
    public const int ErrorUserWidth = 7;
    public const int ErrorUserHeight = 8;
    public const int ErrorChunkLimits = 77;

    // enum spng_color_type
    public const byte ColorTypeGrayscaleAlpha = 4;
    public const byte ColorTypeTruecolorAlpha = 6;

    // enum spng_format
    public const int FormatRgba8 = 1;
    public const int FormatRgb8 = 4;

    // enum spng_decode_flags: SPNG_DECODE_TRNS applies tRNS as alpha.
    public const int DecodeTransparency = 1;

    [LibraryImport(LibraryName, EntryPoint = "spng_ctx_new")]
    public static partial nint CtxNew(int flags);

    [LibraryImport(LibraryName, EntryPoint = "spng_ctx_free")]
    public static partial void CtxFree(nint ctx);

    [LibraryImport(LibraryName, EntryPoint = "spng_set_png_buffer")]
    public static partial int SetPngBuffer(nint ctx, byte* buf, nuint size);

    [LibraryImport(LibraryName, EntryPoint = "spng_set_image_limits")]
    public static partial int SetImageLimits(nint ctx, uint width, uint height);

    [LibraryImport(LibraryName, EntryPoint = "spng_set_chunk_limits")]
    public static partial int SetChunkLimits(nint ctx, nuint chunkSize, nuint cacheSize);

    [LibraryImport(LibraryName, EntryPoint = "spng_get_ihdr")]
    public static partial int GetIhdr(nint ctx, Ihdr* ihdr);

    [LibraryImport(LibraryName, EntryPoint = "spng_decoded_image_size")]
    public static partial int DecodedImageSize(nint ctx, int fmt, nuint* len);

    [LibraryImport(LibraryName, EntryPoint = "spng_decode_image")]
    public static partial int DecodeImage(nint ctx, byte* output, nuint len, int fmt, int flags);

    [LibraryImport(LibraryName, EntryPoint = "spng_decode_chunks")]
    public static partial int DecodeChunks(nint ctx);

    [LibraryImport(LibraryName, EntryPoint = "spng_strerror")]
    public static partial byte* StrError(int err);

    /// <summary>libspng's description of an error code.</summary>
    public static string Describe(int error) => Marshal.PtrToStringUTF8((nint)StrError(error)) ?? $"libspng error {error}";

    /// <summary>struct spng_ihdr (16 bytes: two uint32, five uint8, padding).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Ihdr
    {
        public uint Width;
        public uint Height;
        public byte BitDepth;
        public byte ColorType;
        public byte CompressionMethod;
        public byte FilterMethod;
        public byte InterlaceMethod;
    }
}
