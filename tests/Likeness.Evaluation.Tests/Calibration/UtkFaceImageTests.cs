using Likeness.Evaluation.Calibration;

namespace Likeness.Evaluation.Tests.Calibration;

public sealed class UtkFaceImageTests
{
    [Fact]
    public void TheFileNameGivesAgeGenderAndRace()
    {
        var image = UtkFaceImage.Parse("/data/26_1_2_20170116174525125.jpg.chip.jpg");

        Assert.NotNull(image);
        Assert.Equal((26, 1, 2), (image.Age, image.Gender, image.Race));
        Assert.Equal("Asian", image.RaceName);
        Assert.Equal("Female", image.GenderName);
    }

    [Theory]
    [InlineData("readme.jpg")]
    [InlineData("26_2_0_20170116174525125.jpg.chip.jpg")]
    [InlineData("26_1_7_20170116174525125.jpg.chip.jpg")]
    public void NamesOutsideThePatternAreSkipped(string name)
    {
        Assert.Null(UtkFaceImage.Parse(name));
    }
}
