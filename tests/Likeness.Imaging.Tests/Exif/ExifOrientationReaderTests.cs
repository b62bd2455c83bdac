using Likeness.Imaging.Exif;
using Likeness.Imaging.Tests.Encoders;

namespace Likeness.Imaging.Tests.Exif;

public sealed class ExifOrientationReaderTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ReadsEveryValidOrientationInBothByteOrders(bool littleEndian)
    {
        for (int orientation = 1; orientation <= 8; orientation++)
        {
            Assert.Equal(orientation, ExifOrientationReader.Read(ExifBlock.WithOrientation(orientation, littleEndian)));
        }
    }

    [Fact]
    public void AcceptsOrientationWrittenAsALong()
    {
        Assert.Equal(6, ExifOrientationReader.Read(ExifBlock.WithOrientation(6, littleEndian: false, asLong: true)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    [InlineData(65535)]
    public void OutOfRangeValuesMeanUpright(int value)
    {
        Assert.Equal(1, ExifOrientationReader.Read(ExifBlock.WithOrientation(value)));
    }

    [Fact]
    public void MissingOrEmptyExifMeansUpright()
    {
        Assert.Equal(1, ExifOrientationReader.Read([]));
        Assert.Equal(1, ExifOrientationReader.Read("II*\0"u8));
        Assert.Equal(1, ExifOrientationReader.Read(ExifBlock.Build(true, 8, 0, [])));
    }

    [Fact]
    public void BadByteOrderMarkOrMagicMeansUpright()
    {
        byte[] tiff = ExifBlock.WithOrientation(6);
        byte[] badMark = [.. tiff];
        badMark[0] = (byte)'X';
        byte[] badMagic = [.. tiff];
        badMagic[2] = 43;

        Assert.Equal(1, ExifOrientationReader.Read(badMark));
        Assert.Equal(1, ExifOrientationReader.Read(badMagic));
    }

    [Theory]
    [InlineData(0xFFFFFFFFu)]
    [InlineData(0x7FFFFFFFu)]
    [InlineData(0x80000000u)]
    [InlineData(60u)]
    public void AbsurdDirectoryOffsetMeansUpright(uint offset)
    {
        byte[] tiff = ExifBlock.Build(true, offset, 1, [(0x0112, 3, 6)]);

        Assert.Equal(1, ExifOrientationReader.Read(tiff));
    }

    [Fact]
    public void EntryCountLargerThanTheDataReadsOnlyWhatFits()
    {
        // Claims 65535 entries; the one present is still found and nothing past the end is read.
        byte[] tiff = ExifBlock.Build(false, 8, 65535, [(0x0112, 3, 8)]);

        Assert.Equal(8, ExifOrientationReader.Read(tiff));
        Assert.Equal(1, ExifOrientationReader.Read(tiff.AsSpan(0, 21)));
    }

    [Fact]
    public void DirectoryPointingIntoItsOwnHeaderIsHarmless()
    {
        byte[] tiff = ExifBlock.Build(true, 0, 1, [(0x0112, 3, 6)]);

        Assert.InRange(ExifOrientationReader.Read(tiff), 1, 8);
    }

    [Fact]
    public void UnexpectedTypeMeansUpright()
    {
        // Type 2 (ASCII) is not an orientation.
        Assert.Equal(1, ExifOrientationReader.Read(ExifBlock.Build(true, 8, 1, [(0x0112, 2, 6)])));
    }

    [Fact]
    public void EveryTruncationOfAValidBlockIsSafe()
    {
        byte[] tiff = ExifBlock.WithOrientation(6);
        for (int length = 0; length <= tiff.Length; length++)
        {
            Assert.InRange(ExifOrientationReader.Read(tiff.AsSpan(0, length)), 1, 8);
        }
    }
}
