namespace Likeness.Evaluation.Verification;

/// <summary>
/// The k-fold verification result: per held-out fold, the threshold chosen on the other folds and
/// the accuracy it reached; their mean and standard deviation (population, as numpy's default
/// `np.std` in the usual LFW scripts).
/// </summary>
public sealed record KFoldResult(IReadOnlyList<double> Thresholds, IReadOnlyList<double> FoldAccuracies)
{
    public double MeanAccuracy => FoldAccuracies.Average();

    public double StdAccuracy
    {
        get
        {
            var mean = MeanAccuracy;
            return Math.Sqrt(FoldAccuracies.Sum(a => (a - mean) * (a - mean)) / FoldAccuracies.Count);
        }
    }
}
