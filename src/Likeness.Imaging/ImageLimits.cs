namespace Likeness.Imaging;

/// <summary>
/// What <see cref="ImageDecoder"/> accepts. Every limit is checked from the bytes and the header,
/// before any pixel is decoded or any pixel buffer allocated, so a small file that declares a huge
/// image (a decompression bomb) costs nothing.
/// </summary>
/// <param name="MaxBytes">Largest encoded image accepted, in bytes.</param>
/// <param name="MinDimension">Shortest side accepted, in pixels (applies to width and height).</param>
/// <param name="MaxDimension">Longest side accepted, in pixels (applies to width and height).</param>
/// <param name="MaxPixels">Most pixels (width * height) accepted; bounds the memory of one decode.</param>
public sealed record ImageLimits(int MaxBytes, int MinDimension, int MaxDimension, long MaxPixels)
{
    /// <summary>
    /// Rekognition's limits for <c>Image.Bytes</c>, plus a pixel cap Rekognition does not document:
    /// <list type="bullet">
    /// <item>5 MiB (5,242,880 bytes): the maximum length of <c>Image.Bytes</c>
    /// (https://docs.aws.amazon.com/rekognition/latest/APIReference/API_Image.html).</item>
    /// <item>80 px minimum per side: "The minimum image dimensions is 80 pixels for both height and width"
    /// (https://docs.aws.amazon.com/rekognition/latest/dg/limits.html).</item>
    /// <item>10,000 px maximum per side: the only maximum that page gives (for DetectLabels and
    /// DetectModerationLabels); none is documented for the face operations, so the same one.</item>
    /// <item>8192 * 8192 = 67,108,864 pixels (64 Mpx): admits every common camera, phones' 50-Mpx mode
    /// (8160x6144) included, while one decode stays under about 0.5 GiB (192 MiB of RGB output plus at most
    /// one 4-byte-per-pixel working buffer). 10,000 x 10,000 would allow 300 MiB of output from a 5 MB
    /// PNG that compresses well; lower this on small machines.</item>
    /// </list>
    /// </summary>
    public static ImageLimits Rekognition { get; } = new(
        MaxBytes: 5 * 1024 * 1024,
        MinDimension: 80,
        MaxDimension: 10_000,
        MaxPixels: 8192L * 8192L);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless the limits are usable.</summary>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MinDimension);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDimension, MinDimension);

        // JPEG cannot describe more than 65,535 px per side and PNG's IHDR is checked against this value
        // by libspng as a uint32, so anything higher only invites overflow.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxDimension, 65_535);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPixels, (long)MinDimension * MinDimension);

        // The RGB output is one managed array, and the CMYK working buffer needs 4 bytes per pixel.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxPixels, Array.MaxLength / 4);
    }

    /// <summary>Throws <see cref="ImageDecodingException"/> when a stored size of width x height is outside the limits.</summary>
    internal void EnsureAllowed(ImageFormat format, int width, int height)
    {
        if (width > MaxDimension || height > MaxDimension)
        {
            throw new ImageDecodingException(
                ImageErrorCode.TooLarge,
                $"The {format.ToString().ToUpperInvariant()} image is {width}x{height} pixels; the maximum is {MaxDimension} pixels per side.");
        }

        if ((long)width * height > MaxPixels)
        {
            throw new ImageDecodingException(
                ImageErrorCode.TooLarge,
                $"The {format.ToString().ToUpperInvariant()} image is {width}x{height} = {(long)width * height} pixels; the maximum is {MaxPixels} pixels.");
        }

        if (width < MinDimension || height < MinDimension)
        {
            throw new ImageDecodingException(
                ImageErrorCode.TooSmall,
                $"The {format.ToString().ToUpperInvariant()} image is {width}x{height} pixels; the minimum is {MinDimension} pixels per side.");
        }
    }
}
