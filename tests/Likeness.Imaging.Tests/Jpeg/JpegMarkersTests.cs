using System.Buffers.Binary;
using Likeness.Imaging.Jpeg;
using Likeness.Imaging.Tests.Encoders;

namespace Likeness.Imaging.Tests.Jpeg;

public sealed class JpegMarkersTests
{
    private static readonly byte[] Plain = JpegWriter.Encode(TestPatterns.Quadrants(96, 96), 96, 96);

    [Fact]
    public void FindsTheExifBlockAfterOtherSegments()
    {
        byte[] tiff = ExifBlock.WithOrientation(5);

        Assert.Equal(tiff, JpegMarkers.FindExif(JpegWriter.WithExif(Plain, tiff)).ToArray());
    }

    [Fact]
    public void SkipsAnXmpSegmentThatAlsoUsesApp1()
    {
        byte[] tiff = ExifBlock.WithOrientation(3);
        byte[] xmp = [0xFF, 0xE1, 0, 0, .. "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>"u8];
        BinaryPrimitives.WriteUInt16BigEndian(xmp.AsSpan(2), (ushort)(xmp.Length - 2));
        byte[] withExif = JpegWriter.WithExif(Plain, tiff);
        byte[] jpeg = [.. withExif.AsSpan(0, 2), .. xmp, .. withExif.AsSpan(2)];

        Assert.Equal(tiff, JpegMarkers.FindExif(jpeg).ToArray());
    }

    [Fact]
    public void NoExifGivesAnEmptyBlock()
    {
        Assert.True(JpegMarkers.FindExif(Plain).IsEmpty);
    }

    [Fact]
    public void ExifAfterTheScanIsNotLookedFor()
    {
        // Only what precedes the image data is metadata; bytes after SOS are entropy-coded data.
        byte[] app1 = [0xFF, 0xE1, 0, 20, .. "Exif\0\0"u8, .. ExifBlock.WithOrientation(6).AsSpan(0, 12)];
        byte[] jpeg = [.. Plain.AsSpan(0, Plain.Length - 2), .. app1, 0xFF, 0xD9];

        Assert.True(JpegMarkers.FindExif(jpeg).IsEmpty);
    }

    [Fact]
    public void EndOfImageIsFoundAfterTheScanOnlyWhenPresent()
    {
        Assert.True(JpegMarkers.HasEndOfImageAfterScan(Plain));
        Assert.False(JpegMarkers.HasEndOfImageAfterScan(Plain.AsSpan(0, Plain.Length - 2)));
        Assert.False(JpegMarkers.HasEndOfImageAfterScan(Plain.AsSpan(0, Plain.Length / 2)));
    }

    [Fact]
    public void EndOfImageInsideAnExifThumbnailDoesNotCount()
    {
        // An EXIF block that itself contains FF D9 (as thumbnails do), then a file cut mid-scan.
        byte[] tiff = [.. ExifBlock.WithOrientation(1), 0xFF, 0xD8, 0xFF, 0xD9];
        byte[] jpeg = JpegWriter.WithExif(Plain, tiff);

        Assert.False(JpegMarkers.HasEndOfImageAfterScan(jpeg.AsSpan(0, jpeg.Length - 40)));
    }

    [Fact]
    public void EverySegmentLengthLieIsSurvived()
    {
        byte[] jpeg = JpegWriter.WithExif(Plain, ExifBlock.WithOrientation(6));
        for (int length = 0; length <= 0xFFFF; length += 97)
        {
            byte[] lying = [.. jpeg];
            BinaryPrimitives.WriteUInt16BigEndian(lying.AsSpan(4), (ushort)length);
            _ = JpegMarkers.FindExif(lying);
            _ = JpegMarkers.HasEndOfImageAfterScan(lying);
        }
    }
}
