using Likeness.Evaluation.Detection;

namespace Likeness.Evaluation.Tests.Detection;

public sealed class WilsonIntervalTests
{
    [Theory]
    // Hand-computed: centre = (p + z²/2n)/(1 + z²/n), half = z/(1 + z²/n)·√(p(1-p)/n + z²/4n²), z = 1.96.
    [InlineData(8, 10, 0.490157, 0.943319)]
    [InlineData(0, 10, 0.0, 0.277540)]
    [InlineData(10, 10, 0.722460, 1.0)]
    [InlineData(50, 100, 0.403830, 0.596170)]
    public void MatchesTheHandComputedInterval(int successes, int trials, double lower, double upper)
    {
        var interval = WilsonInterval.Of(successes, trials);

        Assert.Equal(lower, interval.Lower, 1e-5);
        Assert.Equal(upper, interval.Upper, 1e-5);
    }

    [Fact]
    public void NoTrialsGivesTheWholeRange() => Assert.Equal(new WilsonInterval(0, 1), WilsonInterval.Of(0, 0));
}
