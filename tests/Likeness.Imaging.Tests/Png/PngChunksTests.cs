using Likeness.Imaging.Png;
using Likeness.Imaging.Tests.Encoders;

namespace Likeness.Imaging.Tests.Png;

public sealed class PngChunksTests
{
    private static readonly byte[] Rows = new byte[96 * 96 * 3];

    [Fact]
    public void FindsExifBeforeOrAfterTheImageData()
    {
        byte[] tiff = ExifBlock.WithOrientation(7);
        byte[] before = PngWriter.Encode(96, 96, 8, PngWriter.Truecolor, Rows, [PngWriter.Chunk("eXIf", tiff)]);
        byte[] after = PngWriter.Encode(96, 96, 8, PngWriter.Truecolor, Rows, chunksAfterImageData: [PngWriter.Chunk("eXIf", tiff)]);

        Assert.Equal(tiff, PngChunks.FindExif(before).ToArray());
        Assert.Equal(tiff, PngChunks.FindExif(after).ToArray());
    }

    [Fact]
    public void StripsAJpegStyleExifPrefix()
    {
        byte[] tiff = ExifBlock.WithOrientation(7);
        byte[] png = PngWriter.Encode(96, 96, 8, PngWriter.Truecolor, Rows, [PngWriter.Chunk("eXIf", [.. "Exif\0\0"u8, .. tiff])]);

        Assert.Equal(tiff, PngChunks.FindExif(png).ToArray());
    }

    [Fact]
    public void TransparencyChunkCountsOnlyBeforeTheImageData()
    {
        byte[] before = PngWriter.Encode(96, 96, 8, PngWriter.Truecolor, Rows, [PngWriter.Chunk("tRNS", new byte[6])]);
        byte[] after = PngWriter.Encode(96, 96, 8, PngWriter.Truecolor, Rows, chunksAfterImageData: [PngWriter.Chunk("tRNS", new byte[6])]);

        Assert.True(PngChunks.HasTransparencyChunk(before));
        Assert.False(PngChunks.HasTransparencyChunk(after));
    }

    [Fact]
    public void ChunkLengthRunningPastTheFileEndsTheWalk()
    {
        byte[] png = PngWriter.Encode(96, 96, 8, PngWriter.Truecolor, Rows, chunksAfterImageData: [PngWriter.Chunk("eXIf", ExifBlock.WithOrientation(6))]);
        png[8] = 0x7F; // IHDR now claims about 2 GB

        Assert.True(PngChunks.FindExif(png).IsEmpty);
    }
}
