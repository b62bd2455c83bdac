using Likeness.Imaging.Tests.Encoders;
using static Likeness.Imaging.Tests.Encoders.TestPatterns;

namespace Likeness.Imaging.Tests.Png;

/// <summary>PNG is lossless, so every expectation here is exact unless a tolerance is stated.</summary>
public sealed class PngDecodingTests
{
    private const int W = 96;
    private const int H = 84;
    private readonly ImageDecoder _decoder = new();

    [Fact]
    public void TruecolorPngDecodesExactly()
    {
        byte[] rgb = Coordinates(W, H);
        byte[] png = PngWriter.Encode(W, H, 8, PngWriter.Truecolor, rgb);

        DecodedImage image = _decoder.Decode(png);

        Assert.Equal((W, H), (image.Width, image.Height));
        Assert.Equal(rgb, image.Pixels);
    }

    [Fact]
    public void InterlacedPngDecodesExactly()
    {
        byte[] rgb = Coordinates(W, H);
        byte[] png = PngWriter.Encode(W, H, 8, PngWriter.Truecolor, rgb, interlaced: true);

        Assert.Equal(rgb, _decoder.Decode(png).Pixels);
    }

    [Fact]
    public void SixteenBitTruecolorKeepsTheHighByte()
    {
        int[] samples = new int[W * H * 3];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = (i * 977) % 65536;
        }

        byte[] png = PngWriter.Encode(W, H, 16, PngWriter.Truecolor, PngWriter.PackSamples(W, H, 3, 16, samples));

        DecodedImage image = _decoder.Decode(png);

        // libspng reduces 16 to 8 bits by keeping the high byte; allow 1 level for a rounding reducer.
        for (int i = 0; i < samples.Length; i++)
        {
            Assert.InRange(image.Pixels[i], Math.Max(0, (samples[i] >> 8) - 1), Math.Min(255, (samples[i] >> 8) + 1));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(16)]
    public void GrayscalePngOfEveryBitDepthScalesToFullRange(int bitDepth)
    {
        int max = (1 << bitDepth) - 1;
        int[] samples = Enumerable.Range(0, W * H).Select(i => (i % W) * max / (W - 1)).ToArray();
        byte[] png = PngWriter.Encode(W, H, (byte)bitDepth, PngWriter.Grayscale, PngWriter.PackSamples(W, H, 1, (byte)bitDepth, samples));

        DecodedImage image = _decoder.Decode(png);

        // Low bit depths scale by replication (e.g. 2-bit 3 -> 255); 16-bit keeps the high byte (± 1).
        for (int x = 0; x < W; x++)
        {
            int expected = samples[x] * 255 / max;
            var p = PixelAt(image, x, 10);
            Assert.InRange(p.R, expected - 1, expected + 1);
            Assert.True(p.R == p.G && p.R == p.B);
        }
    }

    [Fact]
    public void PalettePngLooksUpItsColours()
    {
        int[] indices = Enumerable.Range(0, W * H).Select(i => (i % W) < W / 2 ? 0 : 2).ToArray();
        byte[] png = PngWriter.Encode(
            W, H, 2, PngWriter.Indexed, PngWriter.PackSamples(W, H, 1, 2, indices),
            [PngWriter.Palette((10, 20, 30), (0, 0, 0), (200, 150, 100))]);

        DecodedImage image = _decoder.Decode(png);

        Assert.Equal((10, 20, 30), PixelAt(image, 0, 0));
        Assert.Equal((200, 150, 100), PixelAt(image, W - 1, H - 1));
    }

    [Fact]
    public void TruecolorAlphaIsCompositedOverWhite()
    {
        // Four alphas on one red: opaque, half, quarter, transparent.
        int[] alphas = [255, 128, 64, 0];
        var rgba = new byte[W * H * 4];
        for (int i = 0; i < W * H; i++)
        {
            (rgba[i * 4], rgba[(i * 4) + 1], rgba[(i * 4) + 2], rgba[(i * 4) + 3]) = (200, 0, 100, (byte)alphas[(i % W) * 4 / W]);
        }

        byte[] png = PngWriter.Encode(W, H, 8, PngWriter.TruecolorAlpha, rgba);

        DecodedImage image = _decoder.Decode(png);

        // c * a / 255 + 255 * (255 - a) / 255, rounded: exact at 0 and 255.
        Assert.Equal((200, 0, 100), PixelAt(image, 0, 0));
        AssertPixel(image, W / 4, 0, (227, 127, 177), tolerance: 1);
        AssertPixel(image, W / 2, 0, (241, 191, 216), tolerance: 1);
        Assert.Equal((255, 255, 255), PixelAt(image, W - 1, 0));
    }

    [Fact]
    public void GrayAlphaIsCompositedOverWhite()
    {
        int[] samples = new int[W * H * 2];
        for (int i = 0; i < W * H; i++)
        {
            (samples[i * 2], samples[(i * 2) + 1]) = (0, (i % W) < W / 2 ? 255 : 0);
        }

        byte[] png = PngWriter.Encode(W, H, 8, PngWriter.GrayscaleAlpha, PngWriter.PackSamples(W, H, 2, 8, samples));

        DecodedImage image = _decoder.Decode(png);

        Assert.Equal((0, 0, 0), PixelAt(image, 0, 0));
        Assert.Equal((255, 255, 255), PixelAt(image, W - 1, 0));
    }

    [Fact]
    public void SixteenBitGrayAlphaIsCompositedOverWhite()
    {
        int[] samples = new int[W * H * 2];
        for (int i = 0; i < W * H; i++)
        {
            (samples[i * 2], samples[(i * 2) + 1]) = (0x1234, (i % W) < W / 2 ? 0xFFFF : 0);
        }

        byte[] png = PngWriter.Encode(W, H, 16, PngWriter.GrayscaleAlpha, PngWriter.PackSamples(W, H, 2, 16, samples));

        DecodedImage image = _decoder.Decode(png);

        AssertPixel(image, 0, 0, (0x12, 0x12, 0x12), tolerance: 1);
        Assert.Equal((255, 255, 255), PixelAt(image, W - 1, 0));
    }

    [Fact]
    public void PaletteTransparencyIsCompositedOverWhite()
    {
        int[] indices = Enumerable.Range(0, W * H).Select(i => (i % W) < W / 2 ? 0 : 1).ToArray();
        byte[] png = PngWriter.Encode(
            W, H, 8, PngWriter.Indexed, PngWriter.PackSamples(W, H, 1, 8, indices),
            [PngWriter.Palette((0, 0, 0), (0, 0, 0)), PngWriter.Chunk("tRNS", [255, 0])]);

        DecodedImage image = _decoder.Decode(png);

        Assert.Equal((0, 0, 0), PixelAt(image, 0, 0));
        Assert.Equal((255, 255, 255), PixelAt(image, W - 1, 0));
    }

    [Fact]
    public void TruecolorTransparencyKeyBecomesWhite()
    {
        byte[] rgb = Quadrants(W, H);

        // tRNS for colour type 2 is one 16-bit RGB key: Green becomes fully transparent.
        byte[] key = [0, Green.R, 0, Green.G, 0, Green.B];
        byte[] png = PngWriter.Encode(W, H, 8, PngWriter.Truecolor, rgb, [PngWriter.Chunk("tRNS", key)]);

        DecodedImage image = _decoder.Decode(png);

        Assert.Equal(Red, PixelAt(image, 0, 0));
        Assert.Equal((255, 255, 255), PixelAt(image, W - 1, 0));
    }

    [Fact]
    public void GrayscaleTransparencyKeyBecomesWhite()
    {
        int[] samples = Enumerable.Range(0, W * H).Select(i => (i % W) < W / 2 ? 7 : 0).ToArray();
        byte[] png = PngWriter.Encode(W, H, 8, PngWriter.Grayscale, PngWriter.PackSamples(W, H, 1, 8, samples), [PngWriter.Chunk("tRNS", [0, 0])]);

        DecodedImage image = _decoder.Decode(png);

        Assert.Equal((7, 7, 7), PixelAt(image, 0, 0));
        Assert.Equal((255, 255, 255), PixelAt(image, W - 1, 0));
    }

    [Fact]
    public void TruncatedPngIsCorrupt()
    {
        byte[] png = PngWriter.Encode(W, H, 8, PngWriter.Truecolor, Coordinates(W, H));

        var error = Assert.Throws<ImageDecodingException>(() => _decoder.Decode(png.AsSpan(0, png.Length / 2)));

        Assert.Equal(ImageErrorCode.Corrupt, error.Code);
    }

    [Fact]
    public void PngWithDamagedImageDataIsCorrupt()
    {
        byte[] png = PngWriter.Encode(W, H, 8, PngWriter.Truecolor, Coordinates(W, H));
        int imageData = png.AsSpan().IndexOf("IDAT"u8);
        png[imageData + 40] ^= 0x55; // the CRC no longer matches

        var error = Assert.Throws<ImageDecodingException>(() => _decoder.Decode(png));

        Assert.Equal(ImageErrorCode.Corrupt, error.Code);
    }

    [Fact]
    public void PngWithABadHeaderIsCorrupt()
    {
        // Colour type 5 does not exist.
        byte[] png = [.. PngWriter.Signature, .. PngWriter.Ihdr(W, H, 8, 5), .. PngWriter.Chunk("IEND", [])];

        var error = Assert.Throws<ImageDecodingException>(() => _decoder.Decode(png));

        Assert.Equal(ImageErrorCode.Corrupt, error.Code);
        Assert.Contains("header", error.Message);
    }

    [Fact]
    public void ReadInfoGivesTheHeaderWithoutDecoding()
    {
        byte[] png = PngWriter.Encode(W, H, 8, PngWriter.Truecolor, Coordinates(W, H));

        Assert.Equal(new ImageInfo(ImageFormat.Png, W, H, 1), _decoder.ReadInfo(png));
    }
}
