using Likeness.Evaluation.Attributes;
using Likeness.Imaging;
using Likeness.Vision.Faces.Attributes;

namespace Likeness.Evaluation.Tests.Attributes;

public sealed class AttributeCellResultTests
{
    private static AttributePrediction Prediction(int trueAge, GenderType trueGender, double? age, GenderType? gender) =>
        new("f.jpg", new UtkFaceLabel(trueAge, trueGender, UtkRace.White), age, gender);

    [Fact]
    public void ErrorsMaeAndRangeCountOnlyTheFacesFound()
    {
        var predictions = new[]
        {
            Prediction(30, GenderType.Male, 33, GenderType.Male),     // 3 years off, in ±5
            Prediction(40, GenderType.Female, 50, GenderType.Male),   // 10 years off, gender wrong
            Prediction(20, GenderType.Female, 21, GenderType.Female), // 1 year off
            Prediction(60, GenderType.Male, null, null),              // not found
        };

        var cell = AttributeCellResult.Of("all", predictions, ageHalfWidth: 5);

        Assert.Equal((4, 3, 1), (cell.Faces, cell.Found, cell.GenderErrors));
        Assert.Equal(100.0 / 3, cell.GenderErrorPercent, 1e-9);
        Assert.Equal(14.0 / 3, cell.AgeMae, 1e-9);
        Assert.Equal(200.0 / 3, cell.WithinRangePercent, 1e-9);
        Assert.True(cell.GenderErrorInterval.Lower < 1.0 / 3 && cell.GenderErrorInterval.Upper > 1.0 / 3);
    }

    [Fact]
    public void SummariseGivesTenCellsFiveRacesTwoGendersAndAll()
    {
        var cells = UtkFaceAttributeEvaluator.Summarise([Prediction(30, GenderType.Male, 30, GenderType.Male)], 6);

        Assert.Equal(18, cells.Count);
        Assert.Equal("White Male", cells[0].Group);
        Assert.Equal("all", cells[^1].Group);
        Assert.Equal(1, cells[^1].Found);
    }

    [Fact]
    public void PaddingCentresTheImageOnABlackCanvasTwiceItsSize()
    {
        var image = new DecodedImage(2, 2, Enumerable.Repeat((byte)200, 12).ToArray());

        var padded = UtkFaceAttributeEvaluator.Pad(image);

        Assert.Equal((4, 4), (padded.Width, padded.Height));
        Assert.Equal(200, padded.Pixels[(1 * 4 + 1) * 3]);
        Assert.Equal(200, padded.Pixels[(2 * 4 + 2) * 3]);
        Assert.Equal(0, padded.Pixels[0]);
        Assert.Equal(12 * 200, padded.Pixels.Sum(b => b));
    }
}
