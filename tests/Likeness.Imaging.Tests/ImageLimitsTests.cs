using Likeness.Imaging.Tests.Encoders;
using static Likeness.Imaging.Tests.Encoders.TestPatterns;

namespace Likeness.Imaging.Tests;

public sealed class ImageLimitsTests
{
    private readonly ImageDecoder _decoder = new();

    [Fact]
    public void RekognitionDefaultsAreItsDocumentedLimits()
    {
        Assert.Equal(5_242_880, ImageLimits.Rekognition.MaxBytes);
        Assert.Equal(80, ImageLimits.Rekognition.MinDimension);
        Assert.Equal(10_000, ImageLimits.Rekognition.MaxDimension);
        Assert.Equal(67_108_864, ImageLimits.Rekognition.MaxPixels);
        Assert.Same(ImageLimits.Rekognition, new ImageDecoder().Limits);
    }

    [Theory]
    [InlineData(79, 80)]
    [InlineData(80, 79)]
    [InlineData(79, 79)]
    public void ImageUnder80PixelsASideIsTooSmall(int width, int height)
    {
        byte[] png = PngWriter.Encode(width, height, 8, PngWriter.Truecolor, Coordinates(width, height));
        byte[] jpeg = JpegWriter.Encode(Coordinates(width, height), width, height);

        var pngError = Assert.Throws<ImageDecodingException>(() => _decoder.Decode(png));
        var jpegError = Assert.Throws<ImageDecodingException>(() => _decoder.Decode(jpeg));
        var infoError = Assert.Throws<ImageDecodingException>(() => _decoder.ReadInfo(jpeg));

        Assert.Equal(ImageErrorCode.TooSmall, pngError.Code);
        Assert.Equal(ImageErrorCode.TooSmall, jpegError.Code);
        Assert.Equal(ImageErrorCode.TooSmall, infoError.Code);
        Assert.Contains("minimum is 80 pixels", pngError.Message);
    }

    [Fact]
    public void ImageOfExactly80PixelsASideIsAccepted()
    {
        byte[] png = PngWriter.Encode(80, 80, 8, PngWriter.Truecolor, Coordinates(80, 80));
        byte[] jpeg = JpegWriter.Encode(Coordinates(80, 80), 80, 80);

        Assert.Equal((80, 80), (_decoder.Decode(png).Width, _decoder.Decode(png).Height));
        Assert.Equal((80, 80), (_decoder.Decode(jpeg).Width, _decoder.Decode(jpeg).Height));
    }

    [Fact]
    public void MoreBytesThanTheLimitIsTooLargeWithoutLookingInside()
    {
        // A valid PNG padded past 5 MiB with trailing bytes; refused on length alone.
        byte[] png = PngWriter.Encode(96, 96, 8, PngWriter.Truecolor, Coordinates(96, 96));
        byte[] padded = [.. png, .. new byte[(5 * 1024 * 1024) + 1 - png.Length]];

        var error = Assert.Throws<ImageDecodingException>(() => _decoder.Decode(padded));

        Assert.Equal(ImageErrorCode.TooLarge, error.Code);
        Assert.Contains("5242881 bytes", error.Message);
        Assert.Equal(96, _decoder.Decode(padded.AsSpan(0, 5 * 1024 * 1024)).Width);
    }

    [Fact]
    public void OversizedBytesAreTooLargeEvenWhenNotAnImage()
    {
        var error = Assert.Throws<ImageDecodingException>(() => _decoder.Decode(new byte[(5 * 1024 * 1024) + 1]));

        Assert.Equal(ImageErrorCode.TooLarge, error.Code);
    }

    [Fact]
    public void SideLongerThanTheLimitIsTooLarge()
    {
        var decoder = new ImageDecoder(ImageLimits.Rekognition with { MaxDimension = 500 });
        byte[] jpeg = JpegWriter.Encode(Quadrants(501, 96), 501, 96);

        var error = Assert.Throws<ImageDecodingException>(() => decoder.Decode(jpeg));

        Assert.Equal(ImageErrorCode.TooLarge, error.Code);
        Assert.Contains("501x96", error.Message);
    }

    [Fact]
    public void MorePixelsThanTheLimitIsTooLarge()
    {
        var decoder = new ImageDecoder(ImageLimits.Rekognition with { MaxPixels = 100 * 100 });
        byte[] png = PngWriter.Encode(101, 100, 8, PngWriter.Truecolor, Coordinates(101, 100));

        var error = Assert.Throws<ImageDecodingException>(() => decoder.Decode(png));

        Assert.Equal(ImageErrorCode.TooLarge, error.Code);
        Assert.Equal(100, decoder.Decode(PngWriter.Encode(100, 100, 8, PngWriter.Truecolor, Coordinates(100, 100))).Width);
    }

    [Theory]
    [InlineData(0, 80, 10_000, 1_000_000)]
    [InlineData(1000, 0, 10_000, 1_000_000)]
    [InlineData(1000, 80, 79, 1_000_000)]
    [InlineData(1000, 80, 70_000, 1_000_000)]
    [InlineData(1000, 80, 10_000, 6399)]
    [InlineData(1000, 80, 10_000, 1L << 40)]
    public void InconsistentLimitsAreRefused(int maxBytes, int minDimension, int maxDimension, long maxPixels)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageDecoder(new ImageLimits(maxBytes, minDimension, maxDimension, maxPixels)));
    }
}
