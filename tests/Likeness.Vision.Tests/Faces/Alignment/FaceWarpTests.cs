using Likeness.Imaging;
using Likeness.Vision.Faces.Alignment;

namespace Likeness.Vision.Tests.Faces.Alignment;

public sealed class FaceWarpTests
{
    private static DecodedImage Pattern(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i * 37 % 251);
        return new DecodedImage(width, height, pixels);
    }

    [Fact]
    public void TheIdentityTransformCopiesEveryPixel()
    {
        var image = Pattern(13, 9);

        var copy = FaceWarp.Warp(image, SimilarityTransform.Identity, 13, 9);

        Assert.Equal(image.Pixels, copy.Pixels);
        Assert.NotSame(image.Pixels, copy.Pixels);
    }

    [Fact]
    public void AWholePixelShiftMovesPixelsAndFillsTheRestWithBlack()
    {
        var image = Pattern(8, 8);

        var shifted = FaceWarp.Warp(image, new SimilarityTransform(1, 0, 2, 1), 8, 8);

        // Output (x, y) shows source (x - 2, y - 1); the first row and two columns lie outside.
        for (var c = 0; c < 3; c++)
        {
            Assert.Equal(image.Pixels[(0 * 8 + 0) * 3 + c], shifted.Pixels[(1 * 8 + 2) * 3 + c]);
            Assert.Equal(image.Pixels[(3 * 8 + 4) * 3 + c], shifted.Pixels[(4 * 8 + 6) * 3 + c]);
            Assert.Equal(0, shifted.Pixels[(0 * 8 + 5) * 3 + c]);
        }
    }

    [Fact]
    public void HalvingAveragesEachTwoByTwoBlock()
    {
        var pixels = new byte[4 * 4 * 3];
        for (var y = 0; y < 4; y++)
        {
            for (var x = 0; x < 4; x++) pixels[(y * 4 + x) * 3] = (byte)(x % 2 == 0 ? 100 : 200);
        }

        var half = FaceWarp.Warp(new DecodedImage(4, 4, pixels), new SimilarityTransform(0.5, 0, 0, 0), 2, 2);

        // Output centre (0.5, 0.5) maps to source (1, 1), the corner shared by four pixels: the mean, 150.
        Assert.All(Enumerable.Range(0, 4), i => Assert.Equal(150, half.Pixels[i * 3]));
    }

    [Fact]
    public void WarpingLeavesTheCallersPixelsUnchanged()
    {
        var image = Pattern(20, 20);
        var before = (byte[])image.Pixels.Clone();

        FaceWarp.Warp(image, SimilarityTransform.Create(1.3, 0.4, -3, 5), 16, 16);

        Assert.Equal(before, image.Pixels);
    }
}
