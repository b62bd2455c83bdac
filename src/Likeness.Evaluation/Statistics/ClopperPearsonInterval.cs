namespace Likeness.Evaluation.Statistics;

/// <summary>
/// The Clopper-Pearson ("exact") interval for a binomial proportion (Clopper and Pearson 1934): the
/// bounds are the rates at which seeing at least, or at most, the observed count has probability
/// (1 - confidence) / 2. Used for false-match rates, which are rare events: with 0 false matches in n
/// pairs the upper bound is 1 - (α/2)^(1/n) ≈ 3.7 / n, never the 0 a normal approximation gives.
/// </summary>
public readonly record struct ClopperPearsonInterval(double Lower, double Upper)
{
    /// <summary>The interval for <paramref name="successes"/> of <paramref name="trials"/>; [0, 1] when there are no trials.</summary>
    public static ClopperPearsonInterval Of(long successes, long trials, double confidence = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, successes);
        if (confidence is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(confidence), "The confidence must lie strictly between 0 and 1.");
        if (trials == 0) return new ClopperPearsonInterval(0, 1);
        var alpha = 1 - confidence;
        // P(X >= k | p) = I_p(k, n - k + 1) and P(X <= k | p) = 1 - I_p(k + 1, n - k).
        var lower = successes == 0 ? 0 : IncompleteBeta.Inverse(alpha / 2, successes, trials - successes + 1);
        var upper = successes == trials ? 1 : IncompleteBeta.Inverse(1 - alpha / 2, successes + 1, trials - successes);
        return new ClopperPearsonInterval(lower, upper);
    }
}
