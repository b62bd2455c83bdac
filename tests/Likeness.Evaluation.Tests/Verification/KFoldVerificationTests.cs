using Likeness.Evaluation.Verification;

namespace Likeness.Evaluation.Tests.Verification;

/// <summary>Two folds of four pairs whose answers were worked out by hand (see each test).</summary>
public sealed class KFoldVerificationTests
{
    // Fold 0: same 0.9, 0.8; different 0.3, 0.85. Fold 1: same 0.7, 0.6; different 0.2, 0.5.
    private static readonly double[] Scores = [0.9, 0.8, 0.3, 0.85, 0.7, 0.6, 0.2, 0.5];
    private static readonly bool[] Same = [true, true, false, false, true, true, false, false];
    private static readonly int[] Folds = [0, 0, 0, 0, 1, 1, 1, 1];

    [Fact]
    public void TheThresholdMaximisesAccuracyOnTheTrainingPairs()
    {
        // Fold 1 sorted: 0.2 d, 0.5 d, 0.6 s, 0.7 s; the midpoint 0.55 separates them perfectly.
        Assert.Equal(0.55, KFoldVerification.BestThreshold([0.7, 0.6, 0.2, 0.5], [true, true, false, false]), 12);
    }

    [Fact]
    public void TiedThresholdsResolveToTheLowest()
    {
        // Fold 0 sorted: 0.3 d, 0.8 s, 0.85 d, 0.9 s: 0.55 and 0.875 both get 3 of 4 right.
        Assert.Equal(0.55, KFoldVerification.BestThreshold([0.9, 0.8, 0.3, 0.85], [true, true, false, false]), 12);
    }

    [Fact]
    public void EachFoldIsTestedWithTheThresholdOfTheOthers()
    {
        var result = KFoldVerification.Evaluate(Scores, Same, Folds);

        // Fold 0 at 0.55: the impostor at 0.85 is accepted, 3/4. Fold 1 at 0.55: all four right.
        Assert.Equal([0.55, 0.55], result.Thresholds.Select(t => Math.Round(t, 12)));
        Assert.Equal([0.75, 1.0], result.FoldAccuracies);
        Assert.Equal(0.875, result.MeanAccuracy, 12);
        Assert.Equal(0.125, result.StdAccuracy, 12);
    }

    [Fact]
    public void AMissingFaceScoresMinusInfinityAndIsCalledDifferent()
    {
        double[] scores = [double.NegativeInfinity, 0.8, double.NegativeInfinity, 0.1];
        bool[] same = [true, true, false, false];

        Assert.Equal(0.75, KFoldVerification.Accuracy(scores, same, KFoldVerification.BestThreshold(scores, same)), 12);
    }

    [Fact]
    public void OneFoldIsNotAProtocol() =>
        Assert.Throws<ArgumentException>(() => KFoldVerification.Evaluate([0.1, 0.9], [false, true], [0, 0]));
}
