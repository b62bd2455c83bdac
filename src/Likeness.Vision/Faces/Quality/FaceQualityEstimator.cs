using Likeness.Imaging;
using Likeness.Vision.Faces.Alignment;

namespace Likeness.Vision.Faces.Quality;

/// <summary>
/// Brightness and sharpness of a face, measured on its box resampled to a fixed
/// <see cref="SampleSize"/> square so the figures do not depend on the photo's resolution.
/// </summary>
/// <remarks>
/// Brightness = mean BT.601 luma (0.299 R + 0.587 G + 0.114 B) of the face square, / 255 x 100.
/// Sharpness = 100 · v / (v + <see cref="SharpnessHalfPoint"/>), where v is the variance of the 3x3
/// Laplacian (4-neighbour) of that luma: the usual focus measure (Pech-Pacheco et al., ICPR 2000),
/// squashed to 0-100 so that v = SharpnessHalfPoint scores 50. A face smaller than the sample square
/// is upsampled, which blurs it, so small faces score lower: they do hold less detail.
/// </remarks>
public static class FaceQualityEstimator
{
    /// <summary>Side of the square the face box is resampled to before measuring.</summary>
    public const int SampleSize = 112;

    /// <summary>Laplacian variance (luma 0-255) that maps to sharpness 50; a round value that puts the three faces of face-api's sample1.jpg at 48-75 and dark, blurred non-faces below 5.</summary>
    public const double SharpnessHalfPoint = 100;

    /// <summary>The quality of the face in the box (source pixels); the image is only read.</summary>
    public static FaceQuality Estimate(DecodedImage image, double left, double top, double width, double height)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (width <= 0 || height <= 0) throw new ArgumentException($"The face box must have a positive size, got {width}x{height}.");
        var toSample = new SimilarityTransform(SampleSize / Math.Max(width, height), 0, 0, 0);
        var (cx, cy) = toSample.Apply(left + width / 2, top + height / 2);
        toSample = toSample with { Tx = SampleSize / 2.0 - cx, Ty = SampleSize / 2.0 - cy };
        var sample = FaceWarp.Warp(image, toSample, SampleSize, SampleSize);
        var luma = Luma(sample);
        return new FaceQuality(Brightness(luma), Sharpness(luma, SampleSize, SampleSize));
    }

    /// <summary>Mean luma of the whole image, 0-100.</summary>
    public static double Brightness(DecodedImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Brightness(Luma(image));
    }

    /// <summary>Laplacian-variance sharpness of the whole image, 0-100.</summary>
    public static double Sharpness(DecodedImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Sharpness(Luma(image), image.Width, image.Height);
    }

    private static double[] Luma(DecodedImage image)
    {
        var pixels = image.Pixels;
        var luma = new double[image.Width * image.Height];
        for (var i = 0; i < luma.Length; i++) luma[i] = 0.299 * pixels[3 * i] + 0.587 * pixels[3 * i + 1] + 0.114 * pixels[3 * i + 2];
        return luma;
    }

    private static double Brightness(double[] luma) => Math.Clamp(luma.Average() / 255 * 100, 0, 100);

    private static double Sharpness(double[] luma, int width, int height)
    {
        if (width < 3 || height < 3) return 0;
        double sum = 0, sumSquares = 0;
        var count = 0;
        for (var y = 1; y < height - 1; y++)
        {
            for (var x = 1; x < width - 1; x++)
            {
                var i = y * width + x;
                var laplacian = luma[i - 1] + luma[i + 1] + luma[i - width] + luma[i + width] - 4 * luma[i];
                sum += laplacian;
                sumSquares += laplacian * laplacian;
                count++;
            }
        }
        var mean = sum / count;
        var variance = Math.Max(0, sumSquares / count - mean * mean);
        return 100 * variance / (variance + SharpnessHalfPoint);
    }
}
