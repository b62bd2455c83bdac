namespace Likeness.Imaging.Pixels;

/// <summary>The two conversions the native decoders leave to us: CMYK to RGB and alpha to opaque RGB.</summary>
internal static unsafe class ColorConversion
{
    /// <summary>
    /// Converts Adobe-style inverted CMYK (what Photoshop writes and what libjpeg hands back for
    /// CMYK and YCCK JPEGs: 255 means no ink) to RGB with R = C * K / 255, and likewise for G and B.
    /// Every CMYK JPEG is read as inverted, as browsers (Chromium, Firefox) and libjpeg-turbo's own
    /// tjLoadImage do, because non-inverted CMYK JPEGs are too rare to be worth guessing about; no
    /// ICC profile is applied. <paramref name="rgb"/> may equal <paramref name="cmyk"/>: each pixel
    /// is written at or before where it was read.
    /// </summary>
    public static void InvertedCmykToRgb(byte* cmyk, byte* rgb, long pixelCount)
    {
        for (long i = 0; i < pixelCount; i++)
        {
            byte* s = cmyk + (i * 4);
            byte* d = rgb + (i * 3);
            uint k = s[3];
            uint c = s[0];
            uint m = s[1];
            uint y = s[2];
            d[0] = (byte)(((c * k) + 127) / 255);
            d[1] = (byte)(((m * k) + 127) / 255);
            d[2] = (byte)(((y * k) + 127) / 255);
        }
    }

    /// <summary>
    /// Composites RGBA over opaque white: out = c * a / 255 + 255 * (1 - a / 255), rounded, in sRGB
    /// values as browsers composite. <paramref name="rgb"/> may equal <paramref name="rgba"/>.
    /// </summary>
    public static void RgbaOverWhite(byte* rgba, byte* rgb, long pixelCount)
    {
        for (long i = 0; i < pixelCount; i++)
        {
            byte* s = rgba + (i * 4);
            byte* d = rgb + (i * 3);
            uint a = s[3];
            uint r = s[0];
            uint g = s[1];
            uint b = s[2];

            // 255 - (255 - c) * a / 255 is exact at a = 0 (white) and a = 255 (the colour unchanged).
            d[0] = (byte)(255 - ((((255 - r) * a) + 127) / 255));
            d[1] = (byte)(255 - ((((255 - g) * a) + 127) / 255));
            d[2] = (byte)(255 - ((((255 - b) * a) + 127) / 255));
        }
    }
}
