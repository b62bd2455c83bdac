namespace Likeness.Imaging;

/// <summary>Tells JPEG and PNG apart by their magic bytes; file names and content types are not trusted.</summary>
internal static class ImageFormatDetector
{
    private const string Supported = "Supported formats are JPEG and PNG.";

    // SOI followed by the 0xFF of the first marker; every JPEG flavour (JFIF, Exif, Adobe, bare) starts so.
    private static ReadOnlySpan<byte> JpegStart => [0xFF, 0xD8, 0xFF];

    // PNG signature, ISO/IEC 15948 section 5.2.
    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Returns the format, or throws <see cref="ImageErrorCode.InvalidFormat"/> naming what was found instead.</summary>
    public static ImageFormat Detect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            throw new ImageDecodingException(ImageErrorCode.InvalidFormat, "The image is empty (0 bytes). " + Supported);
        }

        if (bytes.StartsWith(JpegStart))
        {
            return ImageFormat.Jpeg;
        }

        if (bytes.StartsWith(PngSignature))
        {
            return ImageFormat.Png;
        }

        throw new ImageDecodingException(ImageErrorCode.InvalidFormat, $"The image is {Describe(bytes)}. {Supported}");
    }

    /// <summary>Names common unsupported formats so the caller learns what they sent.</summary>
    private static string Describe(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("GIF8"u8))
        {
            return "a GIF";
        }

        if (bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return "a WebP";
        }

        if (bytes.StartsWith("BM"u8))
        {
            return "a BMP";
        }

        if (bytes.StartsWith("II*\0"u8) || bytes.StartsWith("MM\0*"u8))
        {
            return "a TIFF";
        }

        if (bytes.Length >= 12 && bytes.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            return "an ISO media file (HEIC, AVIF or similar)";
        }

        if (bytes.Length < JpegStart.Length && JpegStart.StartsWith(bytes))
        {
            return "too short to be a JPEG";
        }

        if (bytes.Length < PngSignature.Length && PngSignature.StartsWith(bytes))
        {
            return "too short to be a PNG";
        }

        return $"not a JPEG or PNG (it starts with {Convert.ToHexString(bytes[..Math.Min(8, bytes.Length)])})";
    }
}
