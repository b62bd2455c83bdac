using System.Runtime.InteropServices;
using Likeness.Imaging.Exif;
using Likeness.Imaging.Pixels;

namespace Likeness.Imaging.Jpeg;

/// <summary>
/// Decodes JPEG through TurboJPEG. A plain (YCbCr, RGB or grayscale) upright JPEG is decompressed
/// by one native call straight into the output array; CMYK/YCCK and rotated images go through one
/// native working buffer and one managed pass. A TurboJPEG handle is created per call, so any
/// number of threads can decode at once.
/// </summary>
internal static unsafe class JpegDecoderCore
{
    /// <summary>
    /// libjpeg warnings that leave every pixel intact. Warnings are matched on libjpeg's message text
    /// (jerror.h, unchanged since libjpeg 6b) because TurboJPEG 2.x reports no warning codes.
    /// "Extraneous bytes before marker" is common in camera and editor output and harmless; the two
    /// header-version warnings only mean libjpeg guessed a field it did not know.
    /// </summary>
    private static readonly string[] HarmlessWarnings =
    [
        "extraneous bytes before marker",
        "Warning: unknown JFIF revision number",
        "Unknown Adobe color transform code",
    ];

    /// <summary>Reads size and orientation from the header and checks them against the limits.</summary>
    public static ImageInfo ReadInfo(ReadOnlySpan<byte> jpeg, ImageLimits limits)
    {
        Header header = ReadHeader(jpeg, limits);
        bool swap = Orientation.SwapsAxes(header.Orientation);
        return new ImageInfo(
            ImageFormat.Jpeg,
            swap ? header.Height : header.Width,
            swap ? header.Width : header.Height,
            header.Orientation);
    }

    /// <summary>
    /// Decodes to upright RGB24. When <paramref name="minLongerSide"/> is positive, decodes at the
    /// smallest of 1/8, 1/4 or 1/2 scale whose longer side is still at least that long; libjpeg then
    /// skips most of the inverse DCT work, which makes large photos several times cheaper.
    /// </summary>
    public static DecodedImage Decode(ReadOnlySpan<byte> jpeg, ImageLimits limits, int minLongerSide)
    {
        nint handle = TurboJpegNative.InitDecompress();
        if (handle == 0)
        {
            throw new InvalidOperationException("tjInitDecompress failed: " + TurboJpegNative.LastError(0));
        }

        try
        {
            Header header = ReadHeader(jpeg, limits, handle);
            int denominator = ChooseScaleDenominator(header.Width, header.Height, minLongerSide);

            // TJSCALED(): the size libjpeg produces at scale 1/denominator (turbojpeg.h).
            int width = (header.Width + denominator - 1) / denominator;
            int height = (header.Height + denominator - 1) / denominator;
            bool cmyk = header.Colorspace is TurboJpegNative.ColorspaceCmyk or TurboJpegNative.ColorspaceYcck;
            bool swap = Orientation.SwapsAxes(header.Orientation);
            long pixelCount = (long)width * height;
            byte[] pixels = GC.AllocateUninitializedArray<byte>(checked((int)(pixelCount * 3)));

            fixed (byte* source = jpeg)
            fixed (byte* output = pixels)
            {
                if (!cmyk && header.Orientation == ExifOrientationReader.Upright)
                {
                    Decompress(handle, jpeg, source, output, width, height, TurboJpegNative.PixelFormatRgb);
                }
                else
                {
                    // CMYK needs 4 bytes per pixel; native memory keeps this short-lived buffer off the GC heap.
                    int bytesPerPixel = cmyk ? 4 : 3;
                    byte* work = (byte*)NativeMemory.Alloc((nuint)(pixelCount * bytesPerPixel));
                    try
                    {
                        Decompress(handle, jpeg, source, work, width, height, cmyk ? TurboJpegNative.PixelFormatCmyk : TurboJpegNative.PixelFormatRgb);
                        if (header.Orientation == ExifOrientationReader.Upright)
                        {
                            ColorConversion.InvertedCmykToRgb(work, output, pixelCount);
                        }
                        else
                        {
                            if (cmyk)
                            {
                                ColorConversion.InvertedCmykToRgb(work, work, pixelCount);
                            }

                            Orientation.Apply(work, width, height, header.Orientation, output);
                        }
                    }
                    finally
                    {
                        NativeMemory.Free(work);
                    }
                }
            }

            return new DecodedImage(swap ? height : width, swap ? width : height, pixels);
        }
        finally
        {
            TurboJpegNative.Destroy(handle);
        }
    }

    private static Header ReadHeader(ReadOnlySpan<byte> jpeg, ImageLimits limits)
    {
        nint handle = TurboJpegNative.InitDecompress();
        if (handle == 0)
        {
            throw new InvalidOperationException("tjInitDecompress failed: " + TurboJpegNative.LastError(0));
        }

        try
        {
            return ReadHeader(jpeg, limits, handle);
        }
        finally
        {
            TurboJpegNative.Destroy(handle);
        }
    }

    private static Header ReadHeader(ReadOnlySpan<byte> jpeg, ImageLimits limits, nint handle)
    {
        int width, height, subsampling, colorspace;
        int result;
        fixed (byte* source = jpeg)
        {
            result = TurboJpegNative.DecompressHeader3(handle, source, new CULong((nuint)jpeg.Length), &width, &height, &subsampling, &colorspace);
        }

        // A warning here (say, stray bytes before a marker) still yields the size; the decode that
        // follows meets the same warning and judges it.
        if (result != 0 && TurboJpegNative.GetErrorCode(handle) != TurboJpegNative.ErrorWarning)
        {
            throw new ImageDecodingException(ImageErrorCode.Corrupt, $"The JPEG header cannot be read: {TurboJpegNative.LastError(handle)}.");
        }

        // TurboJPEG also succeeds on a tables-only stream or a bare SOI/EOI, leaving the size unset (0).
        if (width <= 0 || height <= 0)
        {
            throw new ImageDecodingException(ImageErrorCode.Corrupt, "The JPEG has no image frame (no SOF marker before its end).");
        }

        limits.EnsureAllowed(ImageFormat.Jpeg, width, height);
        int orientation = ExifOrientationReader.Read(JpegMarkers.FindExif(jpeg));
        return new Header(width, height, colorspace, orientation);
    }

    private static void Decompress(nint handle, ReadOnlySpan<byte> jpeg, byte* source, byte* destination, int width, int height, int pixelFormat)
    {
        int result = TurboJpegNative.Decompress2(
            handle, source, new CULong((nuint)jpeg.Length), destination, width, pitch: 0, height, pixelFormat, TurboJpegNative.FlagLimitScans);
        if (result == 0)
        {
            return;
        }

        // TurboJPEG 2.1 returns -1 after a warning too. A fatal error, or a warning that means lost
        // pixels ("Premature end of JPEG file", "Corrupt JPEG data: bad Huffman code" ...), is a
        // corrupt image: libjpeg fills what it could not decode with grey, and a half-grey face
        // would only give a wrong answer; better the caller learns the upload was broken.
        string message = TurboJpegNative.LastError(handle);
        bool fatal = TurboJpegNative.GetErrorCode(handle) != TurboJpegNative.ErrorWarning;
        if (fatal || !IsHarmless(message))
        {
            throw new ImageDecodingException(ImageErrorCode.Corrupt, $"The JPEG cannot be decoded: {message}.");
        }

        // libjpeg reports only the first warning, so a harmless one can hide a later truncation;
        // check the one that matters most directly.
        if (!JpegMarkers.HasEndOfImageAfterScan(jpeg))
        {
            throw new ImageDecodingException(ImageErrorCode.Corrupt, "The JPEG cannot be decoded: it ends before its end-of-image marker (truncated).");
        }
    }

    private static bool IsHarmless(string warning)
    {
        foreach (string harmless in HarmlessWarnings)
        {
            if (warning.Contains(harmless, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Largest of 8, 4, 2 that keeps the longer side at least <paramref name="minLongerSide"/>; 1 when none does or scaling is off.</summary>
    private static int ChooseScaleDenominator(int width, int height, int minLongerSide)
    {
        if (minLongerSide <= 0)
        {
            return 1;
        }

        int longer = Math.Max(width, height);
        foreach (int denominator in (ReadOnlySpan<int>)[8, 4, 2])
        {
            if ((longer + denominator - 1) / denominator >= minLongerSide)
            {
                return denominator;
            }
        }

        return 1;
    }

    private readonly record struct Header(int Width, int Height, int Colorspace, int Orientation);
}
