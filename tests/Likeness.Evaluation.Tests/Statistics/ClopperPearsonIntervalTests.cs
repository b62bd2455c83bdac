using Likeness.Evaluation.Statistics;
using Xunit;

namespace Likeness.Evaluation.Tests.Statistics;

public sealed class ClopperPearsonIntervalTests
{
    [Fact]
    public void NoSuccessesGiveTheClosedFormUpperBound()
    {
        // With k = 0 the upper bound solves (1 - p)^n = α/2: p = 1 - 0.025^(1/n).
        var ci = ClopperPearsonInterval.Of(0, 10);
        Assert.Equal(0, ci.Lower);
        Assert.Equal(1 - Math.Pow(0.025, 0.1), ci.Upper, 1e-9);
        Assert.Equal(0.30850, ci.Upper, 1e-5);
    }

    [Fact]
    public void AllSuccessesGiveTheClosedFormLowerBound()
    {
        var ci = ClopperPearsonInterval.Of(10, 10);
        Assert.Equal(Math.Pow(0.025, 0.1), ci.Lower, 1e-9);
        Assert.Equal(1, ci.Upper);
    }

    [Theory]
    // Reference values: bisection on the binomial CDF summed term by term (independent of the beta function).
    [InlineData(5, 10, 0.187086, 0.812914)]
    [InlineData(1, 100, 0.0002531, 0.0544594)]
    [InlineData(3, 50, 0.0125486, 0.1654819)]
    public void MatchesPublishedExactIntervals(long k, long n, double lower, double upper)
    {
        var ci = ClopperPearsonInterval.Of(k, n);
        Assert.Equal(lower, ci.Lower, 1e-6);
        Assert.Equal(upper, ci.Upper, 1e-6);
    }

    [Fact]
    public void RareEventsInMillionsOfPairsStayFiniteAndBracketTheRate()
    {
        // The audit's regime: a handful of false matches among millions of impostor pairs.
        var zero = ClopperPearsonInterval.Of(0, 6_000_000);
        Assert.Equal(1 - Math.Pow(0.025, 1.0 / 6_000_000), zero.Upper, 1e-10);
        var few = ClopperPearsonInterval.Of(7, 6_000_000);
        Assert.True(few.Lower < 7 / 6e6 && 7 / 6e6 < few.Upper);
        Assert.Equal(4.6906e-7, few.Lower, 1e-10); // Poisson exact limits for 7 events, over n
        Assert.Equal(2.40378e-6, few.Upper, 1e-10);
    }

    [Fact]
    public void NoTrialsMeanNothingIsKnown()
    {
        Assert.Equal(new ClopperPearsonInterval(0, 1), ClopperPearsonInterval.Of(0, 0));
    }

    [Fact]
    public void MoreSuccessesThanTrialsAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ClopperPearsonInterval.Of(3, 2));
    }
}
