using Likeness.Imaging.Annotation;

namespace Likeness.Imaging.Tests.Annotation;

/// <summary>Drawing is exact pixel arithmetic, so every expectation is exact.</summary>
public sealed class ImageAnnotatorTests
{
    // 200x160: the outline is max(2, 200 / 400) = 2 px thick.
    private const int W = 200;
    private const int H = 160;
    private const int T = 2;
    private static readonly AnnotationColor Green = AnnotationColor.Green;
    private static readonly (byte R, byte G, byte B) Grey = (90, 90, 90);

    [Fact]
    public void OnlyTheOutlineOfABoxChangesColour()
    {
        DecodedImage image = Flat(W, H);

        DecodedImage drawn = ImageAnnotator.Draw(image, [Box(50, 40, 60, 50)], Green);

        // Outline: pixels of [50, 110) x [40, 90) within T of its edge.
        AssertOnlyChanged(drawn, (x, y) =>
            x >= 50 && x < 110 && y >= 40 && y < 90
            && (x < 50 + T || x >= 110 - T || y < 40 + T || y >= 90 - T));
    }

    [Fact]
    public void TheCallersImageIsUnchanged()
    {
        DecodedImage image = Flat(W, H);
        byte[] before = (byte[])image.Pixels.Clone();

        DecodedImage drawn = ImageAnnotator.Draw(image, [Box(50, 40, 60, 50, label: 3, points: [(70, 60)])], Green);

        Assert.Equal(before, image.Pixels);
        Assert.NotSame(image.Pixels, drawn.Pixels);
        Assert.NotEqual(before, drawn.Pixels);
    }

    [Fact]
    public void ABoxPartlyOutsideTheImageIsClipped()
    {
        DecodedImage drawn = ImageAnnotator.Draw(Flat(W, H), [Box(-30, -20, 80, 60)], Green);

        // The box is [-30, 50) x [-20, 40): only its right and bottom bands fall on the image.
        AssertOnlyChanged(drawn, (x, y) =>
            x < 50 && y < 40 && (x >= 50 - T || y >= 40 - T));
    }

    [Fact]
    public void BoxesFarOutsideOrNotFiniteDrawNothingAndDoNotThrow()
    {
        AnnotationBox[] boxes =
        [
            Box(-1000, -1000, 5000, 5000), // around the whole image: every band is off it
            Box(500, 10, 40, 40),
            Box(10, -1e30f, 40, 40),
            Box(float.NaN, 10, 40, 40),
            Box(10, 10, float.PositiveInfinity, 40),
            Box(10, 10, -40, 40),
            Box(10, 10, 0, 40),
            Box(1e30f, 1e30f, 1, 1, label: 12, points: [(float.NaN, 3), (-1e30f, 1e30f), (W + 10, H + 10)]),
        ];

        DecodedImage drawn = ImageAnnotator.Draw(Flat(W, H), boxes, Green);

        AssertOnlyChanged(drawn, (_, _) => false);
    }

    [Fact]
    public void AKeypointIsARoundDotOfTheOutlineThicknessAsRadius()
    {
        DecodedImage drawn = ImageAnnotator.Draw(Flat(W, H), [Box(0, 0, 0, 0, points: [(100.2f, 79.8f)])], Green);

        // Centre (100, 80), radius 2, rounded out: dx² + dy² <= r² + r = 6.
        AssertOnlyChanged(drawn, (x, y) => ((x - 100) * (x - 100)) + ((y - 80) * (y - 80)) <= 6);
    }

    [Fact]
    public void AKeypointAtTheEdgeIsClipped()
    {
        DecodedImage drawn = ImageAnnotator.Draw(Flat(W, H), [Box(0, 0, 0, 0, points: [(0, H - 1)])], Green);

        AssertOnlyChanged(drawn, (x, y) => (x * x) + ((y - (H - 1)) * (y - (H - 1))) <= 6);
    }

    [Fact]
    public void ALabelSitsAboveTheBoxInDigitsThatContrastWithItsPatch()
    {
        DecodedImage drawn = ImageAnnotator.Draw(Flat(W, H), [Box(50, 40, 60, 50, label: 7)], Green);

        // Font pixels are 2 * T = 4 px; one digit with a 1-pixel margin: (3 + 2) x (5 + 2) font pixels = 20 x 28.
        const int Scale = 2 * T;
        const int PatchTop = 40 - (7 * Scale);
        Assert.Equal((0, 255, 0), At(drawn, 50, PatchTop)); // margin
        Assert.Equal((0, 0, 0), At(drawn, 50 + Scale, PatchTop + Scale)); // top-left of the 7's bar
        Assert.Equal((0, 255, 0), At(drawn, 50 + Scale, PatchTop + (2 * Scale))); // left of the 7's stem: empty
        Assert.Equal((0, 0, 0), At(drawn, 50 + (4 * Scale) - 1, PatchTop + (6 * Scale) - 1)); // foot of the stem (third column, fifth row)
        AssertOnlyChanged(drawn, (x, y) =>
            (x >= 50 && x < 50 + (5 * Scale) && y >= PatchTop && y < 40)
            || (x >= 50 && x < 110 && y >= 40 && y < 90 && (x < 50 + T || x >= 110 - T || y < 40 + T || y >= 90 - T)));
    }

    [Fact]
    public void ALabelWithNoRoomAboveGoesInsideTheBox()
    {
        DecodedImage drawn = ImageAnnotator.Draw(Flat(W, H), [Box(50, 5, 60, 50, label: 10)], Green);

        // Two digits: (2 * 4 + 1) x 7 font pixels of 4 px, from the box's top-left corner.
        Assert.Equal((0, 0, 0), At(drawn, 50 + 4 + 4, 5 + 4)); // "1": middle column of the top row
        Assert.Equal((0, 0, 0), At(drawn, 50 + (5 * 4), 5 + 4)); // "0": left column of the top row
        Assert.Equal(Grey, At(drawn, 50 + (9 * 4), 5 + (7 * 4))); // just past the patch
    }

    [Fact]
    public void ANegativeLabelIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageAnnotator.Draw(Flat(W, H), [Box(1, 1, 10, 10, label: -1)], Green));
    }

    [Theory]
    [InlineData(80, 80, 2)]
    [InlineData(200, 160, 2)]
    [InlineData(1920, 1280, 4)]
    [InlineData(1280, 1920, 4)]
    [InlineData(4000, 3000, 10)]
    public void TheOutlineThicknessScalesWithTheLongerSide(int width, int height, int expected)
    {
        Assert.Equal(expected, ImageAnnotator.OutlineThickness(width, height));
    }

    [Fact]
    public void DarkColoursGetWhiteDigitsAndLightOnesBlack()
    {
        Assert.Equal(new AnnotationColor(0, 0, 0), AnnotationColor.Green.Contrasting);
        Assert.Equal(new AnnotationColor(255, 255, 255), new AnnotationColor(0, 0, 160).Contrasting);
    }

    private static AnnotationBox Box(float left, float top, float width, float height, int? label = null, (float X, float Y)[]? points = null) =>
        new(left, top, width, height, label, points ?? []);

    private static DecodedImage Flat(int width, int height)
    {
        var rgb = new byte[width * height * 3];
        for (int i = 0; i < rgb.Length; i += 3)
        {
            (rgb[i], rgb[i + 1], rgb[i + 2]) = Grey;
        }

        return new DecodedImage(width, height, rgb);
    }

    private static (byte R, byte G, byte B) At(DecodedImage image, int x, int y)
    {
        int i = ((y * image.Width) + x) * 3;
        return (image.Pixels[i], image.Pixels[i + 1], image.Pixels[i + 2]);
    }

    /// <summary>Asserts every pixel for which <paramref name="expectChanged"/> holds differs from the grey background, and no other does.</summary>
    private static void AssertOnlyChanged(DecodedImage image, Func<int, int, bool> expectChanged)
    {
        for (int y = 0; y < image.Height; y++)
        {
            for (int x = 0; x < image.Width; x++)
            {
                bool changed = At(image, x, y) != Grey;
                Assert.True(changed == expectChanged(x, y), $"pixel ({x},{y}) is {At(image, x, y)}; expected it {(expectChanged(x, y) ? "drawn" : "untouched")}");
            }
        }
    }
}
