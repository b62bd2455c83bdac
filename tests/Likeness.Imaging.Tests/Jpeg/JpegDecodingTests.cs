using Likeness.Imaging.Tests.Encoders;
using static Likeness.Imaging.Tests.Encoders.TestPatterns;

namespace Likeness.Imaging.Tests.Jpeg;

public sealed class JpegDecodingTests
{
    // Flat 48x48 quadrants at quality 95 come back within a few levels; 4:2:0 blurs chroma a little more.
    private const int Tolerance444 = 4;
    private const int Tolerance420 = 6;

    private readonly ImageDecoder _decoder = new();

    [Theory]
    [InlineData(JpegWriter.Subsampling444, false, Tolerance444)]
    [InlineData(JpegWriter.Subsampling420, false, Tolerance420)]
    [InlineData(JpegWriter.Subsampling444, true, Tolerance444)]
    [InlineData(JpegWriter.Subsampling420, true, Tolerance420)]
    public void ColourJpegDecodesToItsColours(int subsampling, bool progressive, int tolerance)
    {
        byte[] jpeg = JpegWriter.Encode(Quadrants(96, 96), 96, 96, JpegWriter.Rgb, subsampling, progressive: progressive);

        DecodedImage image = _decoder.Decode(jpeg);

        Assert.Equal(96, image.Width);
        Assert.Equal(96, image.Height);
        Assert.Equal(96 * 96 * 3, image.Pixels.Length);
        AssertCorners(image, Red, Green, Blue, Yellow, tolerance);
    }

    [Fact]
    public void SmoothGradientStaysCloseOnAverage()
    {
        const int Width = 160, Height = 120;
        byte[] rgb = Coordinates(Width, Height);
        byte[] jpeg = JpegWriter.Encode(rgb, Width, Height, JpegWriter.Rgb, JpegWriter.Subsampling444, quality: 98);

        DecodedImage image = _decoder.Decode(jpeg);

        // R and G are smooth ramps; B wraps every ~36 px, which JPEG rings on, so only R and G are compared.
        double error = 0;
        for (int i = 0; i < rgb.Length; i += 3)
        {
            error += Math.Abs(rgb[i] - image.Pixels[i]) + Math.Abs(rgb[i + 1] - image.Pixels[i + 1]);
        }

        Assert.True(error / (Width * Height * 2) < 2.0, $"mean absolute error {error / (Width * Height * 2):F2} levels");
    }

    [Fact]
    public void GrayscaleJpegDecodesToEqualRgbChannels()
    {
        var gray = new byte[96 * 96];
        for (int i = 0; i < gray.Length; i++)
        {
            gray[i] = (i % 96) < 48 ? (byte)40 : (byte)200;
        }

        byte[] jpeg = JpegWriter.Encode(gray, 96, 96, JpegWriter.Gray, JpegWriter.SubsamplingGray);

        DecodedImage image = _decoder.Decode(jpeg);

        AssertPixel(image, 10, 50, (40, 40, 40), Tolerance444);
        AssertPixel(image, 80, 50, (200, 200, 200), Tolerance444);
        for (int i = 0; i < image.Pixels.Length; i += 3)
        {
            Assert.True(image.Pixels[i] == image.Pixels[i + 1] && image.Pixels[i] == image.Pixels[i + 2]);
        }
    }

    [Fact]
    public void CmykJpegIsReadAsAdobeInvertedCmyk()
    {
        // Stored (inverted) C, M, Y, K = 200, 100, 50, 220 means R = 200 * 220 / 255 and so on.
        // Read as plain CMYK it would be nearly black (R = 55 * 35 / 255 = 8).
        var cmyk = new byte[96 * 96 * 4];
        for (int i = 0; i < cmyk.Length; i += 4)
        {
            (cmyk[i], cmyk[i + 1], cmyk[i + 2], cmyk[i + 3]) = (200, 100, 50, 220);
        }

        byte[] jpeg = JpegWriter.Encode(cmyk, 96, 96, JpegWriter.Cmyk, JpegWriter.Subsampling444);

        DecodedImage image = _decoder.Decode(jpeg);

        AssertPixel(image, 48, 48, (173, 86, 43), Tolerance444);
    }

    [Fact]
    public void CmykJpegWithOrientationIsConvertedAndTurned()
    {
        // Left half inverted-CMYK red (255, 0, 0, 255), right half blue (0, 0, 255, 255); rotate 90° clockwise.
        var cmyk = new byte[96 * 80 * 4];
        for (int y = 0; y < 80; y++)
        {
            for (int x = 0; x < 96; x++)
            {
                int i = ((y * 96) + x) * 4;
                (cmyk[i], cmyk[i + 1], cmyk[i + 2], cmyk[i + 3]) = x < 48 ? ((byte)255, (byte)0, (byte)0, (byte)255) : ((byte)0, (byte)0, (byte)255, (byte)255);
            }
        }

        byte[] jpeg = JpegWriter.WithExif(JpegWriter.Encode(cmyk, 96, 80, JpegWriter.Cmyk, JpegWriter.Subsampling444), ExifBlock.WithOrientation(6));

        DecodedImage image = _decoder.Decode(jpeg);

        Assert.Equal((80, 96), (image.Width, image.Height));
        AssertPixel(image, 40, 10, (255, 0, 0), Tolerance444); // old left half is now on top
        AssertPixel(image, 40, 85, (0, 0, 255), Tolerance444);
    }

    [Fact]
    public void DownscaledDecodePicksTheSmallestScaleAboveTheRequest()
    {
        byte[] jpeg = JpegWriter.Encode(Quadrants(320, 240), 320, 240);

        DecodedImage half = _decoder.DecodeDownscaled(jpeg, minLongerSide: 150);
        DecodedImage quarter = _decoder.DecodeDownscaled(jpeg, minLongerSide: 80);
        DecodedImage eighth = _decoder.DecodeDownscaled(jpeg, minLongerSide: 1);
        DecodedImage full = _decoder.DecodeDownscaled(jpeg, minLongerSide: 161);

        Assert.Equal((160, 120), (half.Width, half.Height));
        Assert.Equal((80, 60), (quarter.Width, quarter.Height));
        Assert.Equal((40, 30), (eighth.Width, eighth.Height));
        Assert.Equal((320, 240), (full.Width, full.Height));
        AssertCorners(quarter, Red, Green, Blue, Yellow, Tolerance444);
    }

    [Fact]
    public void DownscaledDecodeAppliesOrientationToTheScaledImage()
    {
        byte[] jpeg = JpegWriter.WithExif(JpegWriter.Encode(Quadrants(320, 240), 320, 240), ExifBlock.WithOrientation(8));

        DecodedImage image = _decoder.DecodeDownscaled(jpeg, minLongerSide: 150);

        Assert.Equal((120, 160), (image.Width, image.Height));
        AssertCorners(image, Green, Yellow, Red, Blue, Tolerance444);
    }

    [Fact]
    public void TruncatedJpegIsCorrupt()
    {
        // Busy content so that half the file ends inside the scan data, not in the headers.
        byte[] jpeg = JpegWriter.Encode(Coordinates(200, 200), 200, 200);

        var error = Assert.Throws<ImageDecodingException>(() => _decoder.Decode(jpeg.AsSpan(0, jpeg.Length / 2)));

        Assert.Equal(ImageErrorCode.Corrupt, error.Code);
        Assert.Contains("Premature end of JPEG file", error.Message);
    }

    [Fact]
    public void JpegMissingOnlyItsEndMarkerIsCorrupt()
    {
        // Decision: every pixel may be there, but a file that stops short was cut, not finished.
        byte[] jpeg = JpegWriter.Encode(Quadrants(96, 96), 96, 96);

        var error = Assert.Throws<ImageDecodingException>(() => _decoder.Decode(jpeg.AsSpan(0, jpeg.Length - 2)));

        Assert.Equal(ImageErrorCode.Corrupt, error.Code);
    }

    [Fact]
    public void JpegWithStrayBytesBeforeEndMarkerStillDecodes()
    {
        // libjpeg warns "Corrupt JPEG data: 3 extraneous bytes before marker 0xd9" but loses no pixel.
        byte[] jpeg = JpegWriter.Encode(Quadrants(96, 96), 96, 96);
        byte[] padded = [.. jpeg.AsSpan(0, jpeg.Length - 2), 0x11, 0x22, 0x33, 0xFF, 0xD9];

        DecodedImage image = _decoder.Decode(padded);

        AssertCorners(image, Red, Green, Blue, Yellow, Tolerance444);
    }

    [Fact]
    public void JpegWithAnUnknownJfifVersionStillDecodes()
    {
        // libjpeg warns "Warning: unknown JFIF revision number 2.01" and decodes normally.
        byte[] jpeg = JpegWriter.Encode(Quadrants(96, 96), 96, 96);
        Assert.Equal("JFIF\0"u8.ToArray(), jpeg[6..11]);
        jpeg[11] = 2;

        AssertCorners(_decoder.Decode(jpeg), Red, Green, Blue, Yellow, Tolerance444);
    }

    [Fact]
    public void StrayBytesDoNotHideATruncation()
    {
        // libjpeg reports only its first warning, the harmless one here; the end-marker check catches the cut.
        byte[] jpeg = JpegWriter.Encode(Coordinates(200, 200), 200, 200);
        int afterApp0 = 4 + ((jpeg[4] << 8) | jpeg[5]);
        byte[] stray = [.. jpeg.AsSpan(0, afterApp0), 0x11, 0x22, 0x33, .. jpeg.AsSpan(afterApp0)];

        Assert.Equal(200, _decoder.Decode(stray).Width);
        var error = Assert.Throws<ImageDecodingException>(() => _decoder.Decode(stray.AsSpan(0, stray.Length * 2 / 3)));
        Assert.Equal(ImageErrorCode.Corrupt, error.Code);
    }

    [Fact]
    public void JpegWithoutAFrameIsCorrupt()
    {
        var error = Assert.Throws<ImageDecodingException>(() => _decoder.Decode([0xFF, 0xD8, 0xFF, 0xD9]));

        Assert.Equal(ImageErrorCode.Corrupt, error.Code);
    }

    [Fact]
    public void TrailingBytesAfterTheEndMarkerAreIgnored()
    {
        byte[] jpeg = JpegWriter.Encode(Quadrants(96, 96), 96, 96);
        byte[] trailing = [.. jpeg, .. new byte[100]];

        AssertCorners(_decoder.Decode(trailing), Red, Green, Blue, Yellow, Tolerance444);
    }

    [Fact]
    public void JpegWithDamagedScanDataIsCorrupt()
    {
        byte[] jpeg = JpegWriter.Encode(Coordinates(200, 200), 200, 200, quality: 90);
        int scanStart = jpeg.AsSpan().IndexOf([(byte)0xFF, (byte)0xDA]) + 20;
        var random = new Random(7);
        for (int i = scanStart; i < jpeg.Length - 2; i += 8)
        {
            jpeg[i] = (byte)random.Next(256);
        }

        var error = Assert.Throws<ImageDecodingException>(() => _decoder.Decode(jpeg));

        Assert.Equal(ImageErrorCode.Corrupt, error.Code);
    }

    [Fact]
    public void ReadInfoGivesTheHeaderWithoutDecoding()
    {
        byte[] jpeg = JpegWriter.WithExif(JpegWriter.Encode(Quadrants(120, 90), 120, 90), ExifBlock.WithOrientation(6, littleEndian: false));

        ImageInfo info = _decoder.ReadInfo(jpeg);

        Assert.Equal(new ImageInfo(ImageFormat.Jpeg, 90, 120, 6), info);
    }
}
