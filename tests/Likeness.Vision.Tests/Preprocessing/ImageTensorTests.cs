using Likeness.Imaging;
using Likeness.Vision.Preprocessing;

namespace Likeness.Vision.Tests.Preprocessing;

public sealed class ImageTensorTests
{
    private static DecodedImage Solid(int width, int height, byte r, byte g, byte b)
    {
        var pixels = new byte[width * height * 3];
        for (var i = 0; i < pixels.Length; i += 3) (pixels[i], pixels[i + 1], pixels[i + 2]) = (r, g, b);
        return new DecodedImage(width, height, pixels);
    }

    [Fact]
    public void AWideImageIsCentredVerticallyWithPaddingAtTheOffsetValue()
    {
        var (tensor, box) = ImageTensor.Letterbox(Solid(200, 100, 255, 0, 0), 100, 1f / 255f, -1f);

        Assert.Equal(0.5f, box.Factor);
        Assert.Equal((0, 25), (box.PadX, box.PadY));
        // Row 10 is padding; row 50 is image: red channel 255 * (1/255) - 1 = 0, green 0 - 1 = -1.
        Assert.Equal(-1f, tensor[(10 * 100 + 50) * 3]);
        Assert.Equal(0f, tensor[(50 * 100 + 50) * 3], 5);
        Assert.Equal(-1f, tensor[(50 * 100 + 50) * 3 + 1], 5);
    }

    [Fact]
    public void TheMappingTakesInputCoordinatesBackToTheSourceImage()
    {
        var (_, box) = ImageTensor.Letterbox(Solid(100, 400, 0, 0, 0), 200, 1, 0);

        Assert.Equal((75, 0), (box.PadX, box.PadY));
        Assert.Equal(0f, box.ToSourceX(75));
        Assert.Equal(100f, box.ToSourceX(125));
        Assert.Equal(400f, box.ToSourceY(200));
    }

    [Fact]
    public void BilinearSamplingAveragesNeighboursAtHalfScale()
    {
        // Columns alternate 0 and 200: halving the width samples between two columns, giving 100.
        var pixels = new byte[4 * 4 * 3];
        for (var y = 0; y < 4; y++)
            for (var x = 0; x < 4; x++)
                pixels[(y * 4 + x) * 3] = (byte)(x % 2 == 0 ? 0 : 200);

        var (tensor, _) = ImageTensor.Letterbox(new DecodedImage(4, 4, pixels), 2, 1, 0);

        Assert.Equal(100f, tensor[0], 3);
    }

    [Fact]
    public void TheCallersPixelsAreNotModified()
    {
        var image = Solid(90, 90, 10, 20, 30);
        var before = image.Pixels.ToArray();

        ImageTensor.Letterbox(image, 64, 2f / 255f, -1f);

        Assert.Equal(before, image.Pixels);
    }
}
