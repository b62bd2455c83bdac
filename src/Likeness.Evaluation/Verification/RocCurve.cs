namespace Likeness.Evaluation.Verification;

/// <summary>True accept rate at a fixed false accept rate, over all pairs pooled.</summary>
public static class RocCurve
{
    /// <summary>The FARs docs/ACCURACY.md reports.</summary>
    public static IReadOnlyList<double> ReportedFars { get; } = [1e-4, 1e-3, 1e-2, 1e-1];

    /// <summary>
    /// The lowest threshold whose FAR is at most <paramref name="targetFar"/>: with N impostor pairs at
    /// most floor(targetFar x N) of them may score above it, so the threshold is the
    /// (floor(targetFar x N) + 1)-th highest impostor score. Ties at that score are rejected too.
    /// </summary>
    public static RocPoint TarAtFar(IReadOnlyList<double> scores, IReadOnlyList<bool> same, double targetFar)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(same);
        if (targetFar is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(targetFar), "The target FAR must lie strictly between 0 and 1.");
        var impostors = scores.Where((_, i) => !same[i]).OrderDescending().ToList();
        var genuine = scores.Where((_, i) => same[i]).ToList();
        if (impostors.Count == 0 || genuine.Count == 0) throw new ArgumentException("TAR at FAR needs both genuine and impostor pairs.");
        var allowed = (int)Math.Floor(targetFar * impostors.Count + 1e-9);
        var threshold = allowed < impostors.Count ? impostors[allowed] : double.NegativeInfinity;
        var tar = (double)genuine.Count(s => s > threshold) / genuine.Count;
        var far = (double)impostors.Count(s => s > threshold) / impostors.Count;
        return new RocPoint(targetFar, threshold, tar, far, genuine.Count, impostors.Count, allowed >= 1);
    }

    /// <summary><see cref="TarAtFar"/> at each of <paramref name="fars"/>.</summary>
    public static IReadOnlyList<RocPoint> Points(IReadOnlyList<double> scores, IReadOnlyList<bool> same, IReadOnlyList<double> fars) =>
        fars.Select(f => TarAtFar(scores, same, f)).ToList();
}
