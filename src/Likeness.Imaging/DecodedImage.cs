namespace Likeness.Imaging;

/// <summary>
/// Decoded pixels: 8-bit RGB, interleaved (R, G, B), rows top to bottom with no padding, already
/// turned upright by the EXIF orientation.
/// </summary>
public sealed class DecodedImage
{
    /// <summary>Wraps <paramref name="pixels"/> (not copied), which must hold exactly width * height * 3 bytes.</summary>
    public DecodedImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.LongLength != (long)width * height * 3)
        {
            throw new ArgumentException($"{width}x{height} RGB needs {(long)width * height * 3} bytes, got {pixels.LongLength}.", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    /// <summary>Width in pixels, as displayed.</summary>
    public int Width { get; }

    /// <summary>Height in pixels, as displayed.</summary>
    public int Height { get; }

    /// <summary>RGB24 bytes, Width * Height * 3, row-major; the pixel at (x, y) starts at (y * Width + x) * 3.</summary>
    public byte[] Pixels { get; }
}
