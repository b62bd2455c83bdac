using Likeness.Imaging.Tests.Encoders;
using static Likeness.Imaging.Tests.Encoders.TestPatterns;

namespace Likeness.Imaging.Tests.Pixels;

/// <summary>
/// EXIF orientation (EXIF 2.32 tag 0x0112): 1 upright, 2 mirrored, 3 rotated 180°, 4 flipped
/// vertically, 5 mirrored then rotated 270° clockwise (transpose), 6 rotated 90° clockwise,
/// 7 mirrored then rotated 90° clockwise (transverse), 8 rotated 270° clockwise.
/// </summary>
public sealed class OrientationTests
{
    // Stored 96 wide x 84 high, so swapped axes show in the size.
    private const int W = 96;
    private const int H = 84;
    private readonly ImageDecoder _decoder = new();

    public static TheoryData<int, bool> OrientationsAndByteOrders()
    {
        var data = new TheoryData<int, bool>();
        for (int orientation = 1; orientation <= 8; orientation++)
        {
            data.Add(orientation, true);
            data.Add(orientation, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OrientationsAndByteOrders))]
    public void PngOrientationMovesEveryPixelWhereTheStandardSays(int orientation, bool littleEndian)
    {
        byte[] rgb = Coordinates(W, H);
        byte[] png = PngWriter.Encode(W, H, 8, PngWriter.Truecolor, rgb, [PngWriter.Chunk("eXIf", ExifBlock.WithOrientation(orientation, littleEndian))]);

        DecodedImage image = _decoder.Decode(png);

        (int width, int height, byte[] expected) = ReferenceOrientation(rgb, W, H, orientation);
        Assert.Equal((width, height), (image.Width, image.Height));
        Assert.Equal(expected, image.Pixels);
    }

    [Theory]
    [InlineData(1, "red", "green", "blue", "yellow")]
    [InlineData(2, "green", "red", "yellow", "blue")]
    [InlineData(3, "yellow", "blue", "green", "red")]
    [InlineData(4, "blue", "yellow", "red", "green")]
    [InlineData(5, "red", "blue", "green", "yellow")]
    [InlineData(6, "blue", "red", "yellow", "green")]
    [InlineData(7, "yellow", "green", "blue", "red")]
    [InlineData(8, "green", "yellow", "red", "blue")]
    public void JpegOrientationPutsTheCornersWhereTheStandardSays(int orientation, string topLeft, string topRight, string bottomLeft, string bottomRight)
    {
        byte[] jpeg = JpegWriter.WithExif(JpegWriter.Encode(Quadrants(W, H), W, H), ExifBlock.WithOrientation(orientation));

        DecodedImage image = _decoder.Decode(jpeg);

        bool swapped = orientation >= 5;
        Assert.Equal(swapped ? (H, W) : (W, H), (image.Width, image.Height));
        AssertCorners(image, Colour(topLeft), Colour(topRight), Colour(bottomLeft), Colour(bottomRight), tolerance: 4);
    }

    [Theory]
    [InlineData(1, W, H)]
    [InlineData(3, W, H)]
    [InlineData(6, H, W)]
    [InlineData(8, H, W)]
    public void ReadInfoReportsTheDisplayedSize(int orientation, int width, int height)
    {
        byte[] png = PngWriter.Encode(W, H, 8, PngWriter.Truecolor, Coordinates(W, H), [PngWriter.Chunk("eXIf", ExifBlock.WithOrientation(orientation))]);

        Assert.Equal(new ImageInfo(ImageFormat.Png, width, height, orientation), _decoder.ReadInfo(png));
    }

    [Fact]
    public void PngExifAfterTheImageDataCounts()
    {
        byte[] rgb = Coordinates(W, H);
        byte[] png = PngWriter.Encode(W, H, 8, PngWriter.Truecolor, rgb, chunksAfterImageData: [PngWriter.Chunk("eXIf", ExifBlock.WithOrientation(6))]);

        Assert.Equal(6, _decoder.ReadInfo(png).Orientation);
        Assert.Equal(ReferenceOrientation(rgb, W, H, 6).Pixels, _decoder.Decode(png).Pixels);
    }

    [Fact]
    public void OrientationAndAlphaCombine()
    {
        var rgba = new byte[W * H * 4];
        for (int i = 0; i < W * H; i++)
        {
            // Left half opaque black, right half transparent.
            rgba[(i * 4) + 3] = (i % W) < W / 2 ? (byte)255 : (byte)0;
        }

        byte[] png = PngWriter.Encode(W, H, 8, PngWriter.TruecolorAlpha, rgba, [PngWriter.Chunk("eXIf", ExifBlock.WithOrientation(6))]);

        DecodedImage image = _decoder.Decode(png);

        // Rotated 90° clockwise, the left half is on top.
        Assert.Equal((H, W), (image.Width, image.Height));
        Assert.Equal((0, 0, 0), PixelAt(image, 0, 0));
        Assert.Equal((255, 255, 255), PixelAt(image, 0, W - 1));
    }

    [Fact]
    public void LargeImageRotatesAcrossTileBoundaries()
    {
        // 200 x 130 crosses the 64-pixel tiles unevenly in both directions.
        const int Width = 200, Height = 130;
        byte[] rgb = Coordinates(Width, Height);
        foreach (int orientation in new[] { 5, 6, 7, 8 })
        {
            byte[] png = PngWriter.Encode(Width, Height, 8, PngWriter.Truecolor, rgb, [PngWriter.Chunk("eXIf", ExifBlock.WithOrientation(orientation))]);

            Assert.Equal(ReferenceOrientation(rgb, Width, Height, orientation).Pixels, _decoder.Decode(png).Pixels);
        }
    }

    private static (byte R, byte G, byte B) Colour(string name) => name switch
    {
        "red" => Red,
        "green" => Green,
        "blue" => Blue,
        _ => Yellow,
    };

    /// <summary>The standard's description, composed from a mirror and quarter turns, independent of the decoder's step tables.</summary>
    private static (int Width, int Height, byte[] Pixels) ReferenceOrientation(byte[] rgb, int width, int height, int orientation)
    {
        var image = (width, height, rgb);
        return orientation switch
        {
            2 => Mirror(image),
            3 => Clockwise(Clockwise(image)),
            4 => Clockwise(Clockwise(Mirror(image))),
            5 => CounterClockwise(Mirror(image)),
            6 => Clockwise(image),
            7 => Clockwise(Mirror(image)),
            8 => CounterClockwise(image),
            _ => image,
        };
    }

    private static (int, int, byte[]) Mirror((int W, int H, byte[] P) image) =>
        Remap(image, image.W, image.H, (x, y) => (image.W - 1 - x, y));

    private static (int, int, byte[]) Clockwise((int W, int H, byte[] P) image) =>
        Remap(image, image.H, image.W, (x, y) => (y, image.H - 1 - x));

    private static (int, int, byte[]) CounterClockwise((int W, int H, byte[] P) image) =>
        Remap(image, image.H, image.W, (x, y) => (image.W - 1 - y, x));

    /// <summary>Output pixel (x, y) of a newWidth x newHeight image comes from source(x, y) of the input.</summary>
    private static (int, int, byte[]) Remap((int W, int H, byte[] P) image, int newWidth, int newHeight, Func<int, int, (int X, int Y)> source)
    {
        var output = new byte[newWidth * newHeight * 3];
        for (int y = 0; y < newHeight; y++)
        {
            for (int x = 0; x < newWidth; x++)
            {
                (int sx, int sy) = source(x, y);
                Array.Copy(image.P, ((sy * image.W) + sx) * 3, output, ((y * newWidth) + x) * 3, 3);
            }
        }

        return (newWidth, newHeight, output);
    }
}
