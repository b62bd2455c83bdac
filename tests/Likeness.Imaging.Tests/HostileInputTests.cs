using System.Buffers.Binary;
using System.Diagnostics;
using Likeness.Imaging.Tests.Encoders;
using static Likeness.Imaging.Tests.Encoders.TestPatterns;

namespace Likeness.Imaging.Tests;

/// <summary>Inputs built to hurt: lying headers, compression bombs, and random damage.</summary>
public sealed class HostileInputTests
{
    private readonly ImageDecoder _decoder = new();

    [Fact]
    public void PngClaiming60000By60000IsRefusedBeforeAnyPixelBufferIsAllocated()
    {
        byte[] png =
        [
            .. PngWriter.Signature,
            .. PngWriter.Ihdr(60_000, 60_000, 8, PngWriter.Truecolor),
            .. PngWriter.Chunk("IDAT", PngWriter.Zlib(new byte[1000])),
            .. PngWriter.Chunk("IEND", []),
        ];

        AssertRefusedCheaply(png, "60000x60000");
    }

    [Fact]
    public void PngWithinEachSideButOverThePixelCapIsRefusedBeforeAllocation()
    {
        byte[] png =
        [
            .. PngWriter.Signature,
            .. PngWriter.Ihdr(10_000, 9_000, 8, PngWriter.Truecolor),
            .. PngWriter.Chunk("IDAT", PngWriter.Zlib(new byte[1000])),
            .. PngWriter.Chunk("IEND", []),
        ];

        AssertRefusedCheaply(png, "90000000 pixels");
    }

    [Fact]
    public void PngClaimingFourBillionPixelsASideIsRefused()
    {
        byte[] png = [.. PngWriter.Signature, .. PngWriter.Ihdr(0xFFFF_FFFF, 0xFFFF_FFFF, 8, PngWriter.Truecolor), .. PngWriter.Chunk("IEND", [])];

        var error = Assert.Throws<ImageDecodingException>(() => _decoder.Decode(png));

        Assert.True(error.Code is ImageErrorCode.TooLarge or ImageErrorCode.Corrupt, error.Message);
    }

    [Fact]
    public void JpegClaiming60000By60000IsRefusedBeforeAnyPixelBufferIsAllocated()
    {
        byte[] jpeg = JpegWriter.Encode(Quadrants(96, 96), 96, 96);
        int frame = JpegWriter.FindStartOfFrame(jpeg);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(frame + 5), 60_000);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(frame + 7), 60_000);

        AssertRefusedCheaply(jpeg, "60000x60000");
    }

    [Fact]
    public void PngImageDataThatInflatesFarPastTheImageCostsOnlyTheImage()
    {
        // 1000x1000 RGB needs 3,001,000 inflated bytes; the IDAT holds 64 MiB of zeros (about 64 KB compressed).
        // libspng stops inflating once the image is complete, so this takes milliseconds, not a 64 MiB buffer.
        byte[] bomb = PngWriter.Zlib(new byte[64 * 1024 * 1024], System.IO.Compression.CompressionLevel.SmallestSize);
        byte[] png =
        [
            .. PngWriter.Signature,
            .. PngWriter.Ihdr(1000, 1000, 8, PngWriter.Truecolor),
            .. PngWriter.Chunk("IDAT", bomb),
            .. PngWriter.Chunk("IEND", []),
        ];

        var clock = Stopwatch.StartNew();
        try
        {
            DecodedImage image = _decoder.Decode(png);
            Assert.Equal(1000, image.Width);
        }
        catch (ImageDecodingException e)
        {
            Assert.Equal(ImageErrorCode.Corrupt, e.Code);
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    [Fact]
    public void CompressedTextChunkThatInflatesToGigabytesIsRefused()
    {
        // A zTXt whose text inflates to 32 MiB, past the 8 MiB cap on one metadata chunk.
        byte[] text = [.. "Comment"u8, 0, 0, .. PngWriter.Zlib(new byte[32 * 1024 * 1024], System.IO.Compression.CompressionLevel.SmallestSize)];
        byte[] png = PngWriter.Encode(96, 96, 8, PngWriter.Truecolor, Coordinates(96, 96), [PngWriter.Chunk("zTXt", text)]);

        var error = Assert.Throws<ImageDecodingException>(() => _decoder.Decode(png));

        Assert.Equal(ImageErrorCode.Corrupt, error.Code);
        Assert.Contains("metadata", error.Message);
    }

    [Fact]
    public void ManySmallTextChunksAreBounded()
    {
        byte[] chunk = PngWriter.Chunk("tEXt", [.. "Comment"u8, 0, .. "x"u8]);
        byte[] png = PngWriter.Encode(96, 96, 8, PngWriter.Truecolor, Coordinates(96, 96), Enumerable.Repeat(chunk, 5000));

        try
        {
            Assert.Equal(96, _decoder.Decode(png).Width);
        }
        catch (ImageDecodingException e)
        {
            Assert.Equal(ImageErrorCode.Corrupt, e.Code);
        }
    }

    [Fact]
    public void AbsurdExifOffsetsInAJpegAreIgnored()
    {
        byte[] tiff = ExifBlock.Build(true, 0xFFFF_FFF0, 65535, [(0x0112, 3, 6)]);
        byte[] jpeg = JpegWriter.WithExif(JpegWriter.Encode(Quadrants(96, 96), 96, 96), tiff);

        DecodedImage image = _decoder.Decode(jpeg);

        AssertCorners(image, Red, Green, Blue, Yellow, tolerance: 4);
    }

    [Fact]
    public void ExifSegmentWhoseLengthRunsPastTheFileDoesNotBreakTheWalk()
    {
        byte[] jpeg = JpegWriter.WithExif(JpegWriter.Encode(Quadrants(96, 96), 96, 96), ExifBlock.WithOrientation(3));
        int app1 = jpeg.AsSpan().IndexOf([(byte)0xFF, (byte)0xE1]);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(app1 + 2), 0xFFFF);

        var error = Record.Exception(() => _decoder.Decode(jpeg));

        Assert.True(error is null or ImageDecodingException, error?.ToString());
    }

    [Fact]
    public void EveryTruncationOfAJpegIsRefusedAsBadImage()
    {
        byte[] jpeg = JpegWriter.WithExif(JpegWriter.Encode(Quadrants(96, 96), 96, 96, progressive: true), ExifBlock.WithOrientation(6));
        for (int length = 0; length < jpeg.Length - 1; length += 7)
        {
            var error = Assert.Throws<ImageDecodingException>(() => _decoder.Decode(jpeg.AsSpan(0, length)));
            Assert.True(error.Code is ImageErrorCode.InvalidFormat or ImageErrorCode.Corrupt, $"length {length}: {error.Code} {error.Message}");
        }
    }

    [Fact]
    public void EveryTruncationOfAPngIsRefusedAsBadImage()
    {
        byte[] png = PngWriter.Encode(96, 96, 8, PngWriter.TruecolorAlpha, new byte[96 * 96 * 4], [PngWriter.Chunk("eXIf", ExifBlock.WithOrientation(6))]);

        // Decision: like a JPEG without its end marker, a PNG cut anywhere before IEND is corrupt, even
        // when every row is already there (the last IDAT's CRC is then unchecked). Only IEND's own CRC may be missing.
        for (int length = 0; length < png.Length - 4; length++)
        {
            var error = Assert.Throws<ImageDecodingException>(() => _decoder.Decode(png.AsSpan(0, length)));
            Assert.True(error.Code is ImageErrorCode.InvalidFormat or ImageErrorCode.Corrupt, $"length {length}: {error.Code} {error.Message}");
        }
    }

    /// <summary>
    /// Flips, overwrites, inserts and truncates random bytes of valid files many times (fixed seed, so
    /// failures reproduce) and demands only ever a decoded image or an <see cref="ImageDecodingException"/>.
    /// Small limits keep a mutated header from asking for a large, slow image.
    /// </summary>
    [Fact]
    public void RandomDamageOnlyEverYieldsAnImageOrAnImageDecodingException()
    {
        var decoder = new ImageDecoder(new ImageLimits(MaxBytes: 1 << 20, MinDimension: 1, MaxDimension: 1024, MaxPixels: 512 * 512));
        byte[] tiff = ExifBlock.WithOrientation(6, littleEndian: false);
        byte[][] seeds =
        [
            JpegWriter.WithExif(JpegWriter.Encode(Coordinates(96, 80), 96, 80, JpegWriter.Rgb, JpegWriter.Subsampling420), tiff),
            JpegWriter.Encode(Coordinates(96, 80), 96, 80, JpegWriter.Rgb, JpegWriter.Subsampling444, progressive: true),
            JpegWriter.Encode(new byte[96 * 80 * 4], 96, 80, JpegWriter.Cmyk, JpegWriter.Subsampling444),
            PngWriter.Encode(96, 80, 8, PngWriter.Truecolor, Coordinates(96, 80), [PngWriter.Chunk("eXIf", tiff)]),
            PngWriter.Encode(96, 80, 8, PngWriter.TruecolorAlpha, new byte[96 * 80 * 4], interlaced: true),
            PngWriter.Encode(96, 80, 4, PngWriter.Indexed, new byte[48 * 80], [PngWriter.Palette((1, 2, 3), (4, 5, 6)), PngWriter.Chunk("tRNS", [0])]),
        ];

        var random = new Random(20240601);
        int decoded = 0, refused = 0;
        foreach (byte[] seed in seeds)
        {
            for (int i = 0; i < 400; i++)
            {
                byte[] mutant = Mutate(seed, random);
                try
                {
                    DecodedImage image = decoder.Decode(mutant);
                    Assert.Equal((long)image.Width * image.Height * 3, image.Pixels.LongLength);
                    decoded++;
                }
                catch (ImageDecodingException)
                {
                    refused++;
                }

                try
                {
                    decoder.ReadInfo(mutant);
                }
                catch (ImageDecodingException)
                {
                }
            }
        }

        // Both outcomes must occur, or the mutations are too gentle or too harsh to test anything.
        Assert.True(decoded > 100 && refused > 100, $"decoded {decoded}, refused {refused}");
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        byte[] bytes = [.. seed];
        switch (random.Next(5))
        {
            case 0: // flip a few bits
                for (int n = random.Next(1, 4); n > 0; n--)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }

                return bytes;
            case 1: // overwrite a run with random bytes
                int start = random.Next(bytes.Length);
                int count = Math.Min(random.Next(1, 16), bytes.Length - start);
                random.NextBytes(bytes.AsSpan(start, count));
                return bytes;
            case 2: // truncate
                return bytes[..random.Next(bytes.Length)];
            case 3: // damage the header region, where lengths and sizes live
                int at = random.Next(Math.Min(64, bytes.Length));
                bytes[at] = (byte)random.Next(256);
                return bytes;
            default: // insert random bytes
                int insertAt = random.Next(bytes.Length);
                byte[] junk = new byte[random.Next(1, 32)];
                random.NextBytes(junk);
                return [.. bytes.AsSpan(0, insertAt), .. junk, .. bytes.AsSpan(insertAt)];
        }
    }

    private void AssertRefusedCheaply(byte[] image, string expectedInMessage)
    {
        // Warm up so JIT and first-call costs are not counted.
        Assert.Throws<ImageDecodingException>(() => _decoder.Decode(image));

        long before = GC.GetAllocatedBytesForCurrentThread();
        var decodeError = Assert.Throws<ImageDecodingException>(() => _decoder.Decode(image));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(ImageErrorCode.TooLarge, decodeError.Code);
        Assert.Contains(expectedInMessage, decodeError.Message);
        Assert.True(allocated < 64 * 1024, $"{allocated} bytes allocated while refusing");
        Assert.Equal(ImageErrorCode.TooLarge, Assert.Throws<ImageDecodingException>(() => _decoder.ReadInfo(image)).Code);
    }
}
