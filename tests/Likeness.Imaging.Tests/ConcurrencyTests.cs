using Likeness.Imaging.Tests.Encoders;
using static Likeness.Imaging.Tests.Encoders.TestPatterns;

namespace Likeness.Imaging.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public void OneDecoderServesManyThreadsWithIdenticalResults()
    {
        var decoder = new ImageDecoder();
        byte[] jpeg = JpegWriter.WithExif(JpegWriter.Encode(Coordinates(160, 120), 160, 120, progressive: true), ExifBlock.WithOrientation(6));
        byte[] png = PngWriter.Encode(160, 120, 8, PngWriter.TruecolorAlpha, new byte[160 * 120 * 4], [PngWriter.Chunk("eXIf", ExifBlock.WithOrientation(3))]);
        byte[] truncated = jpeg[..(jpeg.Length / 2)];
        byte[] jpegPixels = decoder.Decode(jpeg).Pixels;
        byte[] pngPixels = decoder.Decode(png).Pixels;
        string truncatedMessage = Assert.Throws<ImageDecodingException>(() => decoder.Decode(truncated)).Message;

        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            switch (i % 3)
            {
                case 0:
                    Assert.Equal(jpegPixels, decoder.Decode(jpeg).Pixels);
                    break;
                case 1:
                    Assert.Equal(pngPixels, decoder.Decode(png).Pixels);
                    break;
                default:
                    // Errors are per call too: TurboJPEG's message buffer is per thread.
                    var error = Assert.Throws<ImageDecodingException>(() => decoder.Decode(truncated));
                    Assert.Equal(truncatedMessage, error.Message);
                    break;
            }
        });
    }
}
