using Likeness.Evaluation.Calibration;

namespace Likeness.Evaluation.Statistics;

/// <summary>
/// Detection-error-tradeoff curves (ISO/IEC 19795-1): FNMR against FMR as the threshold moves. A pair
/// matches when its score is at or above the threshold, as Rekognition's SimilarityThreshold does.
/// </summary>
public static class DetCurve
{
    /// <summary>Points per decade of FMR (and of FNMR) the curve is sampled at.</summary>
    public const int PointsPerDecade = 8;

    /// <summary>
    /// Points at thresholds where FMR or FNMR steps through each 1/<see cref="PointsPerDecade"/> of a decade, from
    /// the lowest rate the data resolves (one pair) to 1, sorted by threshold. Both lists must be sorted ascending.
    /// </summary>
    public static IReadOnlyList<DetPoint> Points(IReadOnlyList<double> sortedGenuine, IReadOnlyList<double> sortedImpostors)
    {
        ArgumentNullException.ThrowIfNull(sortedGenuine);
        ArgumentNullException.ThrowIfNull(sortedImpostors);
        if (sortedGenuine.Count == 0 || sortedImpostors.Count == 0) return [];
        var thresholds = new SortedSet<double>();
        // A threshold equal to the k-th highest impostor score lets exactly the impostors at or above it through.
        foreach (var k in Counts(sortedImpostors.Count)) thresholds.Add(sortedImpostors[sortedImpostors.Count - k]);
        // Just above the k-th lowest genuine score rejects exactly the genuine pairs at or below it.
        foreach (var k in Counts(sortedGenuine.Count)) thresholds.Add(Math.BitIncrement(sortedGenuine[k - 1]));
        return thresholds.Select(t => At(sortedGenuine, sortedImpostors, t)).ToList();
    }

    /// <summary>FMR and FNMR at one raw-score threshold.</summary>
    public static DetPoint At(IReadOnlyList<double> sortedGenuine, IReadOnlyList<double> sortedImpostors, double threshold)
    {
        ArgumentNullException.ThrowIfNull(sortedGenuine);
        ArgumentNullException.ThrowIfNull(sortedImpostors);
        var fmr = sortedImpostors.Count == 0 ? 0 : (double)SimilarityCalibrationFit.CountAtOrAbove(sortedImpostors, threshold) / sortedImpostors.Count;
        var fnmr = sortedGenuine.Count == 0 ? 0 : (double)(sortedGenuine.Count - SimilarityCalibrationFit.CountAtOrAbove(sortedGenuine, threshold)) / sortedGenuine.Count;
        return new DetPoint(threshold, fmr, fnmr);
    }

    // Counts 1..n spaced evenly in log10, PointsPerDecade per decade.
    private static IEnumerable<int> Counts(int n)
    {
        var decades = Math.Log10(n);
        var steps = (int)Math.Ceiling(decades * PointsPerDecade);
        return Enumerable.Range(0, steps + 1).Select(s => (int)Math.Clamp(Math.Round(Math.Pow(10, s / (double)PointsPerDecade)), 1, n)).Distinct();
    }
}
