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
        var src = image.Pixels;
        var sx = (float)image.Width / width;
        var sy = (float)image.Height / height;
        for (var y = 0; y < height; y++)
        {
            var fy = Math.Clamp((y + 0.5f) * sy - 0.5f, 0, image.Height - 1);
            var y0 = (int)fy;
            var y1 = Math.Min(y0 + 1, image.Height - 1);
            var wy = fy - y0;
            for (var x = 0; x < width; x++)
            {
                var fx = Math.Clamp((x + 0.5f) * sx - 0.5f, 0, image.Width - 1);
                var x0 = (int)fx;
                var x1 = Math.Min(x0 + 1, image.Width - 1);
                var wx = fx - x0;
                var o = ((y + padY) * size + x + padX) * 3;
                for (var c = 0; c < 3; c++)
                {
                    float top = src[(y0 * image.Width + x0) * 3 + c] * (1 - wx) + src[(y0 * image.Width + x1) * 3 + c] * wx;
                    float bottom = src[(y1 * image.Width + x0) * 3 + c] * (1 - wx) + src[(y1 * image.Width + x1) * 3 + c] * wx;
                    output[o + c] = (top * (1 - wy) + bottom * wy) * scale + offset;
                }
            }
        }
        return (output, new Letterbox(factor, padX, padY));
    }
}
