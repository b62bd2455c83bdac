namespace Likeness.Imaging.Tests;

public sealed class FormatDetectionTests
{
    private readonly ImageDecoder _decoder = new();

    public static TheoryData<string, byte[]> UnsupportedFiles() => new()
    {
        { "a GIF", "GIF89a\x01\0\x01\0\0\0\0;"u8.ToArray() },
        { "a WebP", "RIFF\x1a\0\0\0WEBPVP8L\x0d\0\0\0"u8.ToArray() },
        { "a BMP", "BM\x3a\0\0\0\0\0\0\0\x36\0\0\0"u8.ToArray() },
        { "a TIFF", "II*\0\x08\0\0\0"u8.ToArray() },
        { "an ISO media file", [0, 0, 0, 0x18, .. "ftypheic"u8, 0, 0, 0, 0] },
        { "not a JPEG or PNG", "hello, world"u8.ToArray() },
        { "too short to be a JPEG", [0xFF, 0xD8] },
        { "too short to be a PNG", [0x89, (byte)'P', (byte)'N'] },
    };

    [Theory]
    [MemberData(nameof(UnsupportedFiles))]
    public void AnythingButJpegOrPngIsAnInvalidFormatNamingTheSupportedOnes(string described, byte[] bytes)
    {
        var decodeError = Assert.Throws<ImageDecodingException>(() => _decoder.Decode(bytes));
        var infoError = Assert.Throws<ImageDecodingException>(() => _decoder.ReadInfo(bytes));

        Assert.Equal(ImageErrorCode.InvalidFormat, decodeError.Code);
        Assert.Equal(ImageErrorCode.InvalidFormat, infoError.Code);
        Assert.Contains(described, decodeError.Message);
        Assert.Contains("Supported formats are JPEG and PNG", decodeError.Message);
    }

    [Fact]
    public void EmptyInputIsAnInvalidFormat()
    {
        var error = Assert.Throws<ImageDecodingException>(() => _decoder.Decode([]));

        Assert.Equal(ImageErrorCode.InvalidFormat, error.Code);
        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void JpegMagicWithGarbageAfterItIsCorruptNotInvalid()
    {
        byte[] bytes = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "garbage garbage garbage"u8];

        var error = Assert.Throws<ImageDecodingException>(() => _decoder.Decode(bytes));

        Assert.Equal(ImageErrorCode.Corrupt, error.Code);
    }

    [Fact]
    public void PngSignatureAloneIsCorrupt()
    {
        byte[] bytes = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

        var error = Assert.Throws<ImageDecodingException>(() => _decoder.Decode(bytes));

        Assert.Equal(ImageErrorCode.Corrupt, error.Code);
    }
}
