using Likeness.Evaluation.Statistics;
using Xunit;

namespace Likeness.Evaluation.Tests.Statistics;

public sealed class IncompleteBetaTests
{
    [Fact]
    public void EqualsTheBinomialTailItStandsFor()
    {
        // I_x(k, n - k + 1) = P(Bin(n, x) >= k); for n = 4, x = 1/2, k = 2: (6 + 4 + 1) / 16.
        Assert.Equal(11.0 / 16, IncompleteBeta.Regularized(0.5, 2, 3), 1e-12);
        // P(Bin(3, 0.2) >= 1) = 1 - 0.8^3.
        Assert.Equal(1 - Math.Pow(0.8, 3), IncompleteBeta.Regularized(0.2, 1, 3), 1e-12);
    }

    [Fact]
    public void InverseUndoesTheFunction()
    {
        var x = IncompleteBeta.Inverse(0.3, 4, 9);
        Assert.Equal(0.3, IncompleteBeta.Regularized(x, 4, 9), 1e-10);
    }

    [Fact]
    public void LogGammaMatchesFactorials()
    {
        Assert.Equal(Math.Log(120), IncompleteBeta.LogGamma(6), 1e-12);
        Assert.Equal(0.5 * Math.Log(Math.PI), IncompleteBeta.LogGamma(0.5), 1e-12);
    }
}
