using System.Runtime.InteropServices;

namespace Likeness.Imaging.Jpeg;

/// <summary>
/// The TurboJPEG 2.x decompression API of libjpeg-turbo (Debian 12 package <c>libturbojpeg0</c>, 2.1.5).
/// Signatures and constants are from that version's turbojpeg.h. C <c>unsigned long</c> is
/// <see cref="CULong"/> because its width differs between Linux and Windows.
/// </summary>
internal static unsafe partial class TurboJpegNative
{
    public const string LibraryName = "libturbojpeg.so.0";
    public const string DebianPackage = "libturbojpeg0";

    // enum TJPF
    public const int PixelFormatRgb = 0;
    public const int PixelFormatCmyk = 11;

    // enum TJCS
    public const int ColorspaceCmyk = 3;
    public const int ColorspaceYcck = 4;

    // enum TJERR
    public const int ErrorWarning = 0;

    /// <summary>
    /// TJFLAG_LIMITSCANS: fail progressive JPEGs with an absurd number of scans, a known CPU
    /// exhaustion attack (https://libjpeg-turbo.org/pmwiki/uploads/About/TwoIssueswiththeJPEGStandard.pdf).
    /// </summary>
    public const int FlagLimitScans = 32768;

    [LibraryImport(LibraryName, EntryPoint = "tjInitDecompress")]
    public static partial nint InitDecompress();

    [LibraryImport(LibraryName, EntryPoint = "tjDecompressHeader3")]
    public static partial int DecompressHeader3(
        nint handle, byte* jpegBuf, CULong jpegSize, int* width, int* height, int* jpegSubsamp, int* jpegColorspace);

    [LibraryImport(LibraryName, EntryPoint = "tjDecompress2")]
    public static partial int Decompress2(
        nint handle, byte* jpegBuf, CULong jpegSize, byte* dstBuf, int width, int pitch, int height, int pixelFormat, int flags);

    [LibraryImport(LibraryName, EntryPoint = "tjGetErrorStr2")]
    public static partial byte* GetErrorStr2(nint handle);

    [LibraryImport(LibraryName, EntryPoint = "tjGetErrorCode")]
    public static partial int GetErrorCode(nint handle);

    [LibraryImport(LibraryName, EntryPoint = "tjDestroy")]
    public static partial int Destroy(nint handle);

    /// <summary>The handle's last error message (TurboJPEG keeps it per handle or per thread, so this is thread-safe).</summary>
    public static string LastError(nint handle) => Marshal.PtrToStringUTF8((nint)GetErrorStr2(handle)) ?? "unknown TurboJPEG error";
}
