using Likeness.Imaging;

namespace Likeness.Vision.Preprocessing;

/// <summary>Turns decoded RGB24 pixels into a model's float32 NHWC input.</summary>
public static class ImageTensor
{
    /// <summary>
    /// Fits the whole image into a size x size square, keeping its aspect ratio and centring it on
    /// black, with bilinear sampling at pixel centres; each channel becomes value * scale + offset.
    /// </summary>
    /// <returns>The tensor and the mapping back: source = (input - pad) / factor.</returns>
    public static (float[] Tensor, Letterbox Mapping) Letterbox(DecodedImage image, int size, float scale, float offset)
    {
        var factor = (float)size / Math.Max(image.Width, image.Height);
        var width = Math.Max(1, (int)MathF.Round(image.Width * factor));
        var height = Math.Max(1, (int)MathF.Round(image.Height * factor));
        var padX = (size - width) / 2;
        var padY = (size - height) / 2;
        var output = new float[size * size * 3];
        Array.Fill(output, offset);
        Bilinear(image, output, width, height, size, padX, padY, scale, offset);
        return (output, new Letterbox(factor, padX, padY));
    }

    /// <summary>
    /// Resamples the image to width x height with bilinear sampling at pixel centres (edges clamped), writing
    /// value * scale + offset at (padX, padY) of an output whose rows are <paramref name="stride"/> pixels long.
    /// </summary>
    internal static void Bilinear(DecodedImage image, float[] output, int width, int height, int stride, int padX, int padY, float scale, float offset)
    {
        var src = image.Pixels;
        var sx = (float)image.Width / width;
        var sy = (float)image.Height / height;
        var x0s = new int[width];
        var x1s = new int[width];
        var wxs = new float[width];
        for (var x = 0; x < width; x++)
        {
            var fx = Math.Clamp((x + 0.5f) * sx - 0.5f, 0, image.Width - 1);
            x0s[x] = (int)fx;
            x1s[x] = Math.Min(x0s[x] + 1, image.Width - 1);
            wxs[x] = fx - x0s[x];
        }
        for (var y = 0; y < height; y++)
        {
            var fy = Math.Clamp((y + 0.5f) * sy - 0.5f, 0, image.Height - 1);
            var y0 = (int)fy;
            var y1 = Math.Min(y0 + 1, image.Height - 1);
            var wy = fy - y0;
            var row0 = y0 * image.Width;
            var row1 = y1 * image.Width;
            var o = ((y + padY) * stride + padX) * 3;
            for (var x = 0; x < width; x++)
            {
                var (a, b, wx) = (x0s[x], x1s[x], wxs[x]);
                for (var c = 0; c < 3; c++)
                {
                    float top = src[(row0 + a) * 3 + c] * (1 - wx) + src[(row0 + b) * 3 + c] * wx;
                    float bottom = src[(row1 + a) * 3 + c] * (1 - wx) + src[(row1 + b) * 3 + c] * wx;
                    output[o++] = (top * (1 - wy) + bottom * wy) * scale + offset;
                }
            }
        }
    }
}
