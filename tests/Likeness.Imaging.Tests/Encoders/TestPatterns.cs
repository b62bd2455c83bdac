namespace Likeness.Imaging.Tests.Encoders;

/// <summary>Synthetic RGB24 test images and pixel assertions with stated tolerances.</summary>
internal static class TestPatterns
{
    public static readonly (byte R, byte G, byte B) Red = (220, 30, 40);
    public static readonly (byte R, byte G, byte B) Green = (40, 200, 60);
    public static readonly (byte R, byte G, byte B) Blue = (30, 60, 210);
    public static readonly (byte R, byte G, byte B) Yellow = (230, 220, 50);

    /// <summary>Four flat quadrants: red top-left, green top-right, blue bottom-left, yellow bottom-right.</summary>
    public static byte[] Quadrants(int width, int height)
    {
        var rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                var c = (x < width / 2, y < height / 2) switch
                {
                    (true, true) => Red,
                    (false, true) => Green,
                    (true, false) => Blue,
                    _ => Yellow,
                };
                int i = ((y * width) + x) * 3;
                (rgb[i], rgb[i + 1], rgb[i + 2]) = (c.R, c.G, c.B);
            }
        }

        return rgb;
    }

    /// <summary>Every pixel distinct by position: R = x, G = y, B = (x * 7 + y * 3) mod 256 (sides under 256).</summary>
    public static byte[] Coordinates(int width, int height)
    {
        var rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int i = ((y * width) + x) * 3;
                rgb[i] = (byte)x;
                rgb[i + 1] = (byte)y;
                rgb[i + 2] = (byte)((x * 7) + (y * 3));
            }
        }

        return rgb;
    }

    public static (byte R, byte G, byte B) PixelAt(DecodedImage image, int x, int y)
    {
        int i = ((y * image.Width) + x) * 3;
        return (image.Pixels[i], image.Pixels[i + 1], image.Pixels[i + 2]);
    }

    /// <summary>Asserts every channel of the pixel at (x, y) is within <paramref name="tolerance"/> of <paramref name="expected"/>.</summary>
    public static void AssertPixel(DecodedImage image, int x, int y, (byte R, byte G, byte B) expected, int tolerance)
    {
        var actual = PixelAt(image, x, y);
        bool close = Math.Abs(actual.R - expected.R) <= tolerance
            && Math.Abs(actual.G - expected.G) <= tolerance
            && Math.Abs(actual.B - expected.B) <= tolerance;
        Assert.True(close, $"pixel ({x},{y}) is {actual}, expected {expected} ± {tolerance}");
    }

    /// <summary>Asserts the corner pixels (inset by 4 px, away from JPEG edge effects) have the given colours.</summary>
    public static void AssertCorners(
        DecodedImage image,
        (byte R, byte G, byte B) topLeft,
        (byte R, byte G, byte B) topRight,
        (byte R, byte G, byte B) bottomLeft,
        (byte R, byte G, byte B) bottomRight,
        int tolerance)
    {
        int right = image.Width - 5;
        int bottom = image.Height - 5;
        AssertPixel(image, 4, 4, topLeft, tolerance);
        AssertPixel(image, right, 4, topRight, tolerance);
        AssertPixel(image, 4, bottom, bottomLeft, tolerance);
        AssertPixel(image, right, bottom, bottomRight, tolerance);
    }
}
