using Likeness.Evaluation.Attributes;
using Likeness.Vision.Faces.Attributes;

namespace Likeness.Evaluation.Tests.Attributes;

public sealed class UtkFaceLabelTests
{
    [Fact]
    public void AChipFileNameGivesAgeGenderAndRace()
    {
        var label = UtkFaceLabel.Parse("/data/utkface-dev/105_1_2_20170112213303693.jpg.chip.jpg");

        Assert.Equal(new UtkFaceLabel(105, GenderType.Female, UtkRace.Asian), label);
    }

    [Theory]
    [InlineData("39_1_20170116174525125.jpg.chip.jpg")]
    [InlineData("x_0_0_20170116174525125.jpg.chip.jpg")]
    [InlineData("30_2_0_20170116174525125.jpg.chip.jpg")]
    [InlineData("30_0_5_20170116174525125.jpg.chip.jpg")]
    public void ANameMissingOrMisspellingAFieldGivesNull(string name)
    {
        Assert.Null(UtkFaceLabel.Parse(name));
    }
}
