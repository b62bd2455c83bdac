using Likeness.Imaging;

namespace Likeness.Vision.Faces.Alignment;

/// <summary>Resamples an image through a similarity transform into a new buffer.</summary>
public static class FaceWarp
{
    /// <summary>
    /// A new width x height RGB image whose pixel centre p shows the source at
    /// <paramref name="sourceToOutput"/>⁻¹(p), sampled bilinearly; outside the source is black.
    /// The source image is only read.
    /// </summary>
    public static DecodedImage Warp(DecodedImage source, SimilarityTransform sourceToOutput, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var inverse = sourceToOutput.Inverse();
        var src = source.Pixels;
        var sw = source.Width;
        var sh = source.Height;
        var output = new byte[width * height * 3];
        for (var v = 0; v < height; v++)
        {
            for (var u = 0; u < width; u++)
            {
                var (x, y) = inverse.Apply(u + 0.5, v + 0.5);
                // Back to index space, where pixel i's centre is at i.
                x -= 0.5;
                y -= 0.5;
                var x0 = (int)Math.Floor(x);
                var y0 = (int)Math.Floor(y);
                var wx = x - x0;
                var wy = y - y0;
                var o = (v * width + u) * 3;
                for (var c = 0; c < 3; c++)
                {
                    var value = (1 - wy) * ((1 - wx) * Sample(src, sw, sh, x0, y0, c) + wx * Sample(src, sw, sh, x0 + 1, y0, c))
                              + wy * ((1 - wx) * Sample(src, sw, sh, x0, y0 + 1, c) + wx * Sample(src, sw, sh, x0 + 1, y0 + 1, c));
                    output[o + c] = (byte)Math.Clamp((int)Math.Round(value), 0, 255);
                }
            }
        }
        return new DecodedImage(width, height, output);
    }

    private static double Sample(byte[] pixels, int width, int height, int x, int y, int channel) =>
        x < 0 || y < 0 || x >= width || y >= height ? 0 : pixels[(y * width + x) * 3 + channel];
}
