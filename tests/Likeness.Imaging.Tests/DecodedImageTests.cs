namespace Likeness.Imaging.Tests;

public sealed class DecodedImageTests
{
    [Fact]
    public void WrapsPixelsOfTheRightLengthWithoutCopying()
    {
        var pixels = new byte[4 * 3 * 3];

        var image = new DecodedImage(4, 3, pixels);

        Assert.Same(pixels, image.Pixels);
        Assert.Equal((4, 3), (image.Width, image.Height));
    }

    [Fact]
    public void RefusesPixelsOfTheWrongLength()
    {
        Assert.Throws<ArgumentException>(() => new DecodedImage(4, 3, new byte[4 * 3 * 4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DecodedImage(0, 3, []));
    }
}
