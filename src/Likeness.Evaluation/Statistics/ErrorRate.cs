namespace Likeness.Evaluation.Statistics;

/// <summary>A measured error rate: <paramref name="Errors"/> of <paramref name="Trials"/> with its Clopper-Pearson 95% interval.</summary>
public sealed record ErrorRate(long Errors, long Trials, double Rate, double Lower, double Upper)
{
    /// <summary>The rate and interval of <paramref name="errors"/> in <paramref name="trials"/> (rate 0 when there are no trials).</summary>
    public static ErrorRate Of(long errors, long trials)
    {
        var interval = ClopperPearsonInterval.Of(errors, trials);
        return new ErrorRate(errors, trials, trials == 0 ? 0 : (double)errors / trials, interval.Lower, interval.Upper);
    }
}
