using Likeness.Imaging;
using Likeness.Vision.Preprocessing;

namespace Likeness.Vision.Tests.Preprocessing;

public sealed class ScaledImageTensorTests
{
    [Fact]
    public void PadsBottomAndRightToTheMultipleWithTheOffset()
    {
        var image = Solid(100, 70, 200);

        var scaled = ScaledImageTensor.Create(image, 0.5f, 32, 1f, -5f);

        Assert.Equal((64, 64), (scaled.Width, scaled.Height));
        Assert.Equal(64 * 64 * 3, scaled.Tensor.Length);
        Assert.Equal((0.5f, 0.5f), (scaled.FactorX, scaled.FactorY));
        Assert.Equal(195f, scaled.Tensor[(34 * 64 + 49) * 3], 3); // inside the 50x35 image
        Assert.Equal(-5f, scaled.Tensor[(34 * 64 + 50) * 3]); // right of it
        Assert.Equal(-5f, scaled.Tensor[(35 * 64 + 0) * 3 + 2]); // below it
    }

    [Fact]
    public void FactorsMapBackToTheSourceEvenWhenRoundingChangesTheAspect()
    {
        var scaled = ScaledImageTensor.Create(Solid(333, 101, 0), 0.1f, 8, 1f, 0f);

        Assert.Equal(33f / 333, scaled.FactorX, 6);
        Assert.Equal(10f / 101, scaled.FactorY, 6);
        Assert.Equal(333f, scaled.ToSourceX(33), 3);
        Assert.Equal(101f, scaled.ToSourceY(10), 3);
    }

    [Fact]
    public void AtScaleOneTheTensorIsThePixels()
    {
        var image = new DecodedImage(4, 2, Enumerable.Range(0, 24).Select(i => (byte)(i * 10)).ToArray());

        var scaled = ScaledImageTensor.Create(image, 1f, 1, 1f, 0f);

        Assert.Equal(image.Pixels.Select(p => (float)p), scaled.Tensor);
    }

    [Fact]
    public void ShrinkingFarAveragesInsteadOfAliasing()
    {
        // One-pixel black and white stripes: two-tap bilinear at 1/8 lands on stripes of one colour; the average is grey (127.5, rounded).
        var pixels = new byte[64 * 64 * 3];
        for (var y = 0; y < 64; y++)
        {
            for (var x = 0; x < 64; x++)
            {
                if (x % 2 == 0) pixels.AsSpan((y * 64 + x) * 3, 3).Fill(255);
            }
        }

        var scaled = ScaledImageTensor.Create(new DecodedImage(64, 64, pixels), 0.125f, 1, 1f, 0f);

        Assert.Equal((8, 8), (scaled.Width, scaled.Height));
        Assert.All(scaled.Tensor, v => Assert.Equal(128f, v));
    }

    [Fact]
    public void ACoarserTensorMadeFromAFinerOneMatchesOneMadeFromTheSource()
    {
        var random = new Random(5);
        var pixels = new byte[640 * 480 * 3];
        random.NextBytes(pixels);
        var image = new DecodedImage(640, 480, pixels);
        var finer = ScaledImageTensor.Create(image, 0.5f, 32, 1f, 0f);

        var direct = ScaledImageTensor.Create(image, 0.1f, 32, 1f, 0f);
        var chained = ScaledImageTensor.Create(image, 0.1f, 32, 1f, 0f, finer);

        Assert.NotNull(finer.Shrunk);
        Assert.Equal((direct.Width, direct.Height, direct.FactorX, direct.FactorY), (chained.Width, chained.Height, chained.FactorX, chained.FactorY));
        // 5x5 blocks of 2x2 averages (each rounded once more) against 10x10 averages of the source.
        Assert.All(direct.Tensor.Zip(chained.Tensor), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 1));
    }

    [Fact]
    public void ShrinkingVectorisedRowsGivesTheExactRoundedMean()
    {
        // A width that is not a multiple of the vector size, odd footprints, every byte value.
        var pixels = Enumerable.Range(0, 101 * 37 * 3).Select(i => (byte)(i * 7 % 256)).ToArray();
        var image = new DecodedImage(101, 37, pixels);

        var shrunk = ScaledImageTensor.Shrink(image, 13, 5);

        for (var y = 0; y < 5; y++)
        {
            for (var x = 0; x < 13; x++)
            {
                var (top, bottom, left, right) = (y * 37 / 5, (y + 1) * 37 / 5, x * 101 / 13, (x + 1) * 101 / 13);
                for (var c = 0; c < 3; c++)
                {
                    var sum = 0;
                    for (var sy = top; sy < bottom; sy++)
                    {
                        for (var sx = left; sx < right; sx++) sum += pixels[(sy * 101 + sx) * 3 + c];
                    }
                    var count = (bottom - top) * (right - left);
                    Assert.Equal((sum + count / 2) / count, shrunk.Pixels[(y * 13 + x) * 3 + c]);
                }
            }
        }
    }

    [Fact]
    public void ScalingDoesNotTouchTheImage()
    {
        var image = Solid(40, 30, 77);
        var before = image.Pixels.ToArray();

        _ = ScaledImageTensor.Create(image, 0.3f, 32, 2f / 255f, -1f);
        _ = ScaledImageTensor.Create(image, 1.5f, 32, 2f / 255f, -1f);

        Assert.Equal(before, image.Pixels);
    }

    private static DecodedImage Solid(int width, int height, byte value) => new(width, height, Enumerable.Repeat(value, width * height * 3).ToArray());

    [Theory]
    [InlineData(640, 480, 9, 7)]
    [InlineData(1000, 40, 3, 1)]
    [InlineData(600, 600, 2, 2)]
    public void ShrinkingByFarStillRoundsTheMeanExactly(int width, int height, int toWidth, int toHeight)
    {
        // Footprints from 71x68 pixels to 300x300, beyond the multiply-by-reciprocal range, where the division is exact by construction.
        var pixels = Enumerable.Range(0, width * height * 3).Select(i => (byte)(i * 31 % 253 + (i % 3))).ToArray();
        var shrunk = ScaledImageTensor.Shrink(new DecodedImage(width, height, pixels), toWidth, toHeight);

        for (var y = 0; y < toHeight; y++)
        for (var x = 0; x < toWidth; x++)
        for (var c = 0; c < 3; c++)
        {
            var (top, bottom, left, right) = (y * height / toHeight, (y + 1) * height / toHeight, x * width / toWidth, (x + 1) * width / toWidth);
            long sum = 0;
            for (var sy = top; sy < bottom; sy++)
            for (var sx = left; sx < right; sx++) sum += pixels[(sy * width + sx) * 3 + c];
            var count = (bottom - top) * (right - left);
            Assert.Equal((byte)((sum + count / 2) / count), shrunk.Pixels[(y * toWidth + x) * 3 + c]);
        }
    }
}
