using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Likeness.Imaging.Exif;
using Likeness.Imaging.Pixels;

namespace Likeness.Imaging.Png;

/// <summary>
/// Decodes PNG through libspng. Every colour type and bit depth (palette, grey, 16-bit, Adam7
/// interlacing) is expanded by libspng itself; 16-bit samples keep their high byte. An opaque,
/// upright PNG is decoded straight into the output array; images with alpha or tRNS are decoded
/// to RGBA and composited over white (see <see cref="ImageDecoder"/>). One libspng context per call.
/// Gamma (gAMA), ICC profiles and sBIT are ignored: samples are taken as sRGB, as most encoders mean them.
/// </summary>
internal static unsafe class PngDecoderCore
{
    /// <summary>
    /// Largest ancillary chunk libspng may hold after inflating (zTXt, iTXt, iCCP). Without it a
    /// 5 MB zTXt bomb inflates to gigabytes before the first pixel. ICC profiles and XMP packets are
    /// well under a megabyte in practice.
    /// </summary>
    private const int MaxAncillaryChunkBytes = 8 * 1024 * 1024;

    /// <summary>Total ancillary data libspng may keep for one image (it keeps text, ICC and EXIF chunks).</summary>
    private const int MaxAncillaryCacheBytes = 16 * 1024 * 1024;

    /// <summary>Reads size and orientation from the header and checks them against the limits.</summary>
    public static ImageInfo ReadInfo(ReadOnlySpan<byte> png, ImageLimits limits)
    {
        fixed (byte* source = png)
        {
            nint ctx = Open(source, png.Length, limits);
            try
            {
                SpngNative.Ihdr ihdr = ReadHeader(ctx, png, limits);
                int orientation = ExifOrientationReader.Read(PngChunks.FindExif(png));
                bool swap = Orientation.SwapsAxes(orientation);
                int width = (int)ihdr.Width;
                int height = (int)ihdr.Height;
                return new ImageInfo(ImageFormat.Png, swap ? height : width, swap ? width : height, orientation);
            }
            finally
            {
                SpngNative.CtxFree(ctx);
            }
        }
    }

    /// <summary>Decodes to upright RGB24.</summary>
    public static DecodedImage Decode(ReadOnlySpan<byte> png, ImageLimits limits)
    {
        fixed (byte* source = png)
        {
            nint ctx = Open(source, png.Length, limits);
            try
            {
                SpngNative.Ihdr ihdr = ReadHeader(ctx, png, limits);
                int width = (int)ihdr.Width;
                int height = (int)ihdr.Height;
                long pixelCount = (long)width * height;
                int orientation = ExifOrientationReader.Read(PngChunks.FindExif(png));
                bool swap = Orientation.SwapsAxes(orientation);
                bool alpha = ihdr.ColorType is SpngNative.ColorTypeGrayscaleAlpha or SpngNative.ColorTypeTruecolorAlpha
                    || PngChunks.HasTransparencyChunk(png);

                int format = alpha ? SpngNative.FormatRgba8 : SpngNative.FormatRgb8;
                int bytesPerPixel = alpha ? 4 : 3;
                nuint size;
                Check(SpngNative.DecodedImageSize(ctx, format, &size));
                if (size != (nuint)(pixelCount * bytesPerPixel))
                {
                    throw new InvalidOperationException($"libspng reports {size} bytes for a {width}x{height} image of {bytesPerPixel} bytes per pixel.");
                }

                byte[] pixels = GC.AllocateUninitializedArray<byte>(checked((int)(pixelCount * 3)));
                fixed (byte* output = pixels)
                {
                    if (!alpha && orientation == ExifOrientationReader.Upright)
                    {
                        Check(SpngNative.DecodeImage(ctx, output, size, format, flags: 0));
                    }
                    else
                    {
                        byte* work = (byte*)NativeMemory.Alloc(size);
                        try
                        {
                            Check(SpngNative.DecodeImage(ctx, work, size, format, alpha ? SpngNative.DecodeTransparency : 0));
                            if (alpha)
                            {
                                // In place: RGB shrinks into the front of the RGBA buffer.
                                ColorConversion.RgbaOverWhite(work, orientation == ExifOrientationReader.Upright ? output : work, pixelCount);
                            }

                            if (orientation != ExifOrientationReader.Upright)
                            {
                                Orientation.Apply(work, width, height, orientation, output);
                            }
                        }
                        finally
                        {
                            NativeMemory.Free(work);
                        }
                    }
                }

                // libspng stops once the last row is inflated; reading on to IEND checks the last IDAT's
                // CRC and refuses a file cut short, as a JPEG without its end marker is refused.
                Check(SpngNative.DecodeChunks(ctx));
                return new DecodedImage(swap ? height : width, swap ? width : height, pixels);
            }
            finally
            {
                SpngNative.CtxFree(ctx);
            }
        }
    }

    private static nint Open(byte* source, int length, ImageLimits limits)
    {
        nint ctx = SpngNative.CtxNew(0);
        if (ctx == 0)
        {
            throw new InsufficientMemoryException("spng_ctx_new failed.");
        }

        try
        {
            Check(SpngNative.SetPngBuffer(ctx, source, (nuint)length));

            // A second line of defence: libspng refuses these sizes itself while reading IHDR.
            Check(SpngNative.SetImageLimits(ctx, (uint)limits.MaxDimension, (uint)limits.MaxDimension));
            Check(SpngNative.SetChunkLimits(ctx, MaxAncillaryChunkBytes, MaxAncillaryCacheBytes));
            return ctx;
        }
        catch
        {
            SpngNative.CtxFree(ctx);
            throw;
        }
    }

    private static SpngNative.Ihdr ReadHeader(nint ctx, ReadOnlySpan<byte> png, ImageLimits limits)
    {
        SpngNative.Ihdr ihdr;
        int error = SpngNative.GetIhdr(ctx, &ihdr);
        if (error is SpngNative.ErrorUserWidth or SpngNative.ErrorUserHeight)
        {
            // libspng stopped at our side limit; IHDR's width and height (bytes 16-23) give the message.
            limits.EnsureAllowed(
                ImageFormat.Png,
                (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(png.Slice(16, 4)), int.MaxValue),
                (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(png.Slice(20, 4)), int.MaxValue));
        }

        Check(error, "The PNG header cannot be read");
        limits.EnsureAllowed(ImageFormat.Png, (int)ihdr.Width, (int)ihdr.Height);
        return ihdr;
    }

    private static void Check(int error, string what = "The PNG cannot be decoded")
    {
        switch (error)
        {
            case 0:
                return;
            case SpngNative.ErrorOutOfMemory:
                throw new InsufficientMemoryException($"{what}: libspng ran out of memory.");
            case SpngNative.ErrorChunkLimits:
                throw new ImageDecodingException(
                    ImageErrorCode.Corrupt,
                    $"{what}: its metadata chunks exceed {MaxAncillaryChunkBytes / (1024 * 1024)} MiB each or {MaxAncillaryCacheBytes / (1024 * 1024)} MiB in all, or there are too many of them.");
            default:
                throw new ImageDecodingException(ImageErrorCode.Corrupt, $"{what}: {SpngNative.Describe(error)}.");
        }
    }
}
