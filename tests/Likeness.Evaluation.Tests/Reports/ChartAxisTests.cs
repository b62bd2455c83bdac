using Likeness.Evaluation.Reports;

namespace Likeness.Evaluation.Tests.Reports;

public sealed class ChartAxisTests
{
    [Fact]
    public void ALogAxisSpansTheWholeDecadesEnclosingTheData()
    {
        var axis = ChartAxis.Log(3e-5, 0.02);

        Assert.Equal(1e-5, axis.Min, 1e-18);
        Assert.Equal(0.1, axis.Max, 1e-15);
        Assert.Equal(["10⁻⁵", "10⁻⁴", "10⁻³", "10⁻²", "10⁻¹"], axis.Ticks.Select(t => t.Label));
    }

    [Fact]
    public void DataOnExactDecadesIsNotWidenedByRoundingError()
    {
        var axis = ChartAxis.Log(1e-4, 1);

        Assert.Equal(["10⁻⁴", "10⁻³", "10⁻²", "10⁻¹", "1"], axis.Ticks.Select(t => t.Label));
    }

    [Fact]
    public void ALogAxisOverOneValueStillSpansADecade()
    {
        var axis = ChartAxis.Log(1e-3, 1e-3);

        Assert.Equal(2, axis.Ticks.Count);
        Assert.Equal(0, axis.Fraction(1e-3), 12);
        Assert.Equal(1, axis.Fraction(1e-2), 12);
    }

    [Fact]
    public void ALogAxisOverManyDecadesLabelsAtMostTwelveOfThem()
    {
        var axis = ChartAxis.Log(1e-20, 1);

        Assert.Equal(21, axis.Ticks.Count);
        Assert.InRange(axis.Ticks.Count(t => t.Label.Length > 0), 2, 12);
    }

    [Fact]
    public void ALinearAxisExtendsToNiceOneTwoFiveTicks()
    {
        var axis = ChartAxis.Linear(0.62, 0.97);

        Assert.Equal(["0.6", "0.7", "0.8", "0.9", "1.0"], axis.Ticks.Select(t => t.Label));
        Assert.Equal(0.6, axis.Min, 12);
        Assert.Equal(1.0, axis.Max, 12);
    }

    [Fact]
    public void ALinearAxisKeptExactShowsOnlyTheTicksInsideIt()
    {
        var axis = ChartAxis.Linear(0.13, 0.87, extendToTicks: false);

        Assert.Equal(0.13, axis.Min, 12);
        Assert.Equal(0.87, axis.Max, 12);
        Assert.Equal(["0.2", "0.4", "0.6", "0.8"], axis.Ticks.Select(t => t.Label));
    }

    [Fact]
    public void ALinearAxisOverOneValueGetsRoomEitherSide()
    {
        var axis = ChartAxis.Linear(5, 5);

        Assert.True(axis.Min < 5 && axis.Max > 5);
        Assert.Equal(0.5, axis.Fraction(5), 12);
    }

    [Theory]
    [InlineData(0, "1")]
    [InlineData(1, "10")]
    [InlineData(3, "10³")]
    [InlineData(-12, "10⁻¹²")]
    public void PowersOfTenAreWrittenWithSuperscripts(int exponent, string expected) =>
        Assert.Equal(expected, ChartAxis.PowerOfTen(exponent));
}
