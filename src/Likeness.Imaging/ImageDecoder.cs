using Likeness.Imaging.Jpeg;
using Likeness.Imaging.Png;

namespace Likeness.Imaging;

/// <summary>
/// Decodes JPEG (libjpeg-turbo) and PNG (libspng) to upright 8-bit RGB, refusing anything outside
/// <see cref="ImageLimits"/> before a pixel is decoded. Thread-safe: it holds only the limits, and
/// every call uses its own native decoder.
/// </summary>
/// <remarks>
/// <para>What comes out, whatever went in: grey, palette, 16-bit, CMYK/YCCK (read as Adobe inverted
/// CMYK), progressive and interlaced images all become RGB24; the EXIF orientation (JPEG APP1 or
/// PNG eXIf) is applied, so width and height are as displayed.</para>
/// <para>Alpha is composited over white, not dropped. The colour under a fully transparent pixel is
/// whatever the encoder left there (often black, sometimes leftovers of an edit) and was never meant
/// to be seen; compositing gives the image a person sees on a page, and a cut-out portrait gets the
/// plain light background of an ID photo instead of a black one that would change its contrast.</para>
/// <para>A JPEG that libjpeg can only decode partly (truncated, or damaged entropy data) is
/// <see cref="ImageErrorCode.Corrupt"/>: libjpeg would fill the rest with grey and report success
/// with a warning, and a face half grey gives a wrong answer rather than an error. Warnings that
/// lose no pixels (stray bytes between segments, unknown JFIF version) are accepted. Likewise a
/// JPEG without its end-of-image marker, or a PNG cut before IEND, is corrupt even when every row
/// arrived: the file was cut, and for PNG the last IDAT's CRC cannot be checked.</para>
/// </remarks>
public sealed class ImageDecoder
{
    /// <summary>Creates a decoder with Rekognition's limits.</summary>
    public ImageDecoder()
        : this(ImageLimits.Rekognition)
    {
    }

    /// <summary>Creates a decoder that enforces <paramref name="limits"/>; throws if they are inconsistent.</summary>
    public ImageDecoder(ImageLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limits.Validate();
        Limits = limits;
    }

    /// <summary>The limits every call enforces.</summary>
    public ImageLimits Limits { get; }

    /// <summary>
    /// Reads format, displayed size and orientation from the header without decoding pixels, and
    /// applies the same byte and size limits as <see cref="Decode"/>. A success does not promise that
    /// the pixel data is intact.
    /// </summary>
    public ImageInfo ReadInfo(ReadOnlySpan<byte> bytes)
    {
        ImageFormat format = Sniff(bytes);
        try
        {
            return format == ImageFormat.Jpeg
                ? JpegDecoderCore.ReadInfo(bytes, Limits)
                : PngDecoderCore.ReadInfo(bytes, Limits);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            throw MissingLibrary(format, e);
        }
    }

    /// <summary>Decodes the whole image to upright RGB24; throws <see cref="ImageDecodingException"/> for any bad image.</summary>
    public DecodedImage Decode(ReadOnlySpan<byte> bytes) => DecodeCore(bytes, minLongerSide: 0);

    /// <summary>
    /// Like <see cref="Decode"/>, but a JPEG may be decoded at 1/2, 1/4 or 1/8 scale: the smallest
    /// whose longer side is still at least <paramref name="minLongerSide"/> pixels. libjpeg-turbo then
    /// skips most of its work, so a 12-Mpx photo wanted at 1024 px decodes several times faster. PNG
    /// is always decoded at full size. Limits apply to the full-size image.
    /// </summary>
    public DecodedImage DecodeDownscaled(ReadOnlySpan<byte> bytes, int minLongerSide)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minLongerSide);
        return DecodeCore(bytes, minLongerSide);
    }

    private DecodedImage DecodeCore(ReadOnlySpan<byte> bytes, int minLongerSide)
    {
        ImageFormat format = Sniff(bytes);
        try
        {
            return format == ImageFormat.Jpeg
                ? JpegDecoderCore.Decode(bytes, Limits, minLongerSide)
                : PngDecoderCore.Decode(bytes, Limits);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            throw MissingLibrary(format, e);
        }
    }

    /// <summary>Checks the byte count first (cheapest), then the magic bytes.</summary>
    private ImageFormat Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > Limits.MaxBytes)
        {
            throw new ImageDecodingException(
                ImageErrorCode.TooLarge,
                $"The image is {bytes.Length} bytes; the maximum is {Limits.MaxBytes} bytes.");
        }

        return ImageFormatDetector.Detect(bytes);
    }

    /// <summary>A server set-up fault, not a bad image, so not an <see cref="ImageDecodingException"/>.</summary>
    private static DllNotFoundException MissingLibrary(ImageFormat format, Exception inner)
    {
        (string library, string package) = format == ImageFormat.Jpeg
            ? (TurboJpegNative.LibraryName, TurboJpegNative.DebianPackage)
            : (SpngNative.LibraryName, SpngNative.DebianPackage);
        return new DllNotFoundException(
            $"Decoding {format.ToString().ToUpperInvariant()} needs {library}, which could not be loaded ({inner.Message}). " +
            $"On Debian or Ubuntu: apt-get install {package}",
            inner);
    }
}
