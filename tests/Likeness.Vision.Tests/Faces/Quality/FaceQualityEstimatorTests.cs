using Likeness.Imaging;
using Likeness.Vision.Faces.Quality;

namespace Likeness.Vision.Tests.Faces.Quality;

public sealed class FaceQualityEstimatorTests
{
    [Fact]
    public void AUniformGreyImageHasHalfBrightnessAndNoSharpness()
    {
        var grey = Image(64, 64, (_, _) => 128);

        Assert.Equal(128 / 255.0 * 100, FaceQualityEstimator.Brightness(grey), 1e-9);
        Assert.Equal(0, FaceQualityEstimator.Sharpness(grey), 1e-9);
    }

    [Fact]
    public void ADarkerImageScoresLowerBrightness()
    {
        var image = Texture();
        var darker = Image(image.Width, image.Height, (x, y) => image.Pixels[(y * image.Width + x) * 3] / 2);

        Assert.True(FaceQualityEstimator.Brightness(darker) < FaceQualityEstimator.Brightness(image) - 10);
    }

    [Fact]
    public void ABlurredImageScoresLowerSharpnessThanTheOriginal()
    {
        var image = Texture();
        var blurred = BoxBlur(image, 2);

        var sharp = FaceQualityEstimator.Sharpness(image);
        var soft = FaceQualityEstimator.Sharpness(blurred);

        Assert.True(soft < sharp - 10, $"original {sharp:F1}, blurred {soft:F1}");
        Assert.InRange(sharp, 0.0, 100.0);
    }

    [Fact]
    public void TheFaceBoxIsMeasuredNotTheWholeImage()
    {
        // Left half black, right half a bright texture: a box on each half reads that half.
        var texture = Texture();
        var image = Image(256, 128, (x, y) => x < 128 ? 0 : texture.Pixels[(y * texture.Width + (x - 128)) * 3]);

        var dark = FaceQualityEstimator.Estimate(image, 10, 10, 100, 100);
        var bright = FaceQualityEstimator.Estimate(image, 140, 10, 100, 100);

        Assert.Equal(0, dark.Brightness, 1e-9);
        Assert.Equal(0, dark.Sharpness, 1e-9);
        Assert.True(bright.Brightness > 20 && bright.Sharpness > 20, $"{bright}");
    }

    /// <summary>A 128x128 pseudo-random grey texture with detail at every scale.</summary>
    private static DecodedImage Texture()
    {
        var random = new Random(7);
        var values = new int[128 * 128];
        for (var i = 0; i < values.Length; i++) values[i] = 40 + random.Next(180);
        return Image(128, 128, (x, y) => values[y * 128 + x]);
    }

    private static DecodedImage Image(int width, int height, Func<int, int, int> grey)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var v = (byte)Math.Clamp(grey(x, y), 0, 255);
                var i = (y * width + x) * 3;
                pixels[i] = pixels[i + 1] = pixels[i + 2] = v;
            }
        }
        return new DecodedImage(width, height, pixels);
    }

    private static DecodedImage BoxBlur(DecodedImage image, int radius) => Image(image.Width, image.Height, (x, y) =>
    {
        int sum = 0, count = 0;
        for (var dy = -radius; dy <= radius; dy++)
        {
            for (var dx = -radius; dx <= radius; dx++)
            {
                var (sx, sy) = (Math.Clamp(x + dx, 0, image.Width - 1), Math.Clamp(y + dy, 0, image.Height - 1));
                sum += image.Pixels[(sy * image.Width + sx) * 3];
                count++;
            }
        }
        return sum / count;
    });
}
