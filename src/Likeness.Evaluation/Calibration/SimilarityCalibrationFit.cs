using Likeness.Vision.Faces.Similarity;

namespace Likeness.Evaluation.Calibration;

/// <summary>
/// Fits a <see cref="SimilarityCalibrationTable"/> from impostor scores. The mapping is fixed in
/// advance and only the raw scores are measured: Similarity S ≥ 40 means FMR = 10^-(S-40)/10, so 80 is
/// one false match in 10,000 comparisons, 90 one in 100,000 and 100 one in a million — ten points per
/// decade, the scale the ACLU's default-threshold test needed to be read on. Below 40 (FMR = 1: every
/// impostor scores higher) Similarity is linear in the raw score from 0.
/// </summary>
/// <remarks>
/// A rate is measured while at least <see cref="MinImpostorEvents"/> impostor pairs score that high;
/// with fewer the quantile is noise, so those rows come from a tail model: log10(FMR) linear in the
/// raw score (an exponential tail), its slope fitted by least squares on the measured top impostors
/// (FMR from 1e-4 down to the last measured row) and anchored at the last measured row. Score tails of
/// embedding distances fall at least this fast (their log-survival bends down), so the model, if
/// anything, overstates the FMR of the extrapolated rows — the safe side for a promise.
/// </remarks>
public static class SimilarityCalibrationFit
{
    /// <summary>The fewest impostor pairs at or above a raw score for its rate to count as measured.</summary>
    public const int MinImpostorEvents = 10;

    /// <summary>The Similarity at which FMR = 1: the mapping is 10 points per decade above it.</summary>
    public const double FloorSimilarity = 40;

    /// <summary>The FMR the fixed mapping gives Similarity <paramref name="similarity"/> (1 at and below <see cref="FloorSimilarity"/>).</summary>
    public static double FalseMatchRateOf(double similarity) =>
        similarity <= FloorSimilarity ? 1 : Math.Pow(10, -(similarity - FloorSimilarity) / 10);

    /// <summary>Fits the rows for Similarity 0, 40, 41, ... 100.</summary>
    /// <param name="impostorScores">Every impostor pair's raw score, sorted ascending.</param>
    /// <param name="metadata">The table's descriptive fields; its <c>Points</c> and <c>TailModel</c> are replaced.</param>
    public static SimilarityCalibrationTable Fit(IReadOnlyList<double> impostorScores, SimilarityCalibrationTable metadata)
    {
        ArgumentNullException.ThrowIfNull(impostorScores);
        ArgumentNullException.ThrowIfNull(metadata);
        var n = impostorScores.Count;
        if (n < 1000) throw new ArgumentException($"{n} impostor scores cannot calibrate anything; the fit needs at least 1,000.", nameof(impostorScores));
        for (var i = 1; i < n; i++)
        {
            if (impostorScores[i] < impostorScores[i - 1]) throw new ArgumentException("Impostor scores must be sorted ascending.", nameof(impostorScores));
        }

        var points = new List<SimilarityCalibrationPoint> { new(0, Math.Min(0, impostorScores[0] - 1e-6), 1, n, false) };
        points.Add(new(FloorSimilarity, impostorScores[0], 1, n, false));
        var slope = TailSlope(impostorScores);
        SimilarityCalibrationPoint? lastMeasured = null;
        for (var s = FloorSimilarity + 1; s <= 100; s++)
        {
            var rate = FalseMatchRateOf(s);
            var events = (int)Math.Round(rate * n);
            SimilarityCalibrationPoint point;
            if (events >= MinImpostorEvents)
            {
                // Halfway between the events-th highest score and the next one down: exactly `events` pairs score at least this.
                var raw = (impostorScores[n - events] + impostorScores[n - events - 1]) / 2;
                point = lastMeasured = new(s, raw, rate, events, false);
            }
            else
            {
                var anchor = lastMeasured ?? throw new InvalidOperationException("No row could be measured; more impostor pairs are needed.");
                var raw = anchor.RawScore + (Math.Log10(rate) - Math.Log10(anchor.FalseMatchRate)) / slope;
                point = new(s, raw, rate, rate * n, true);
            }
            // Ties in the scores can make two quantiles equal; the table must be strictly increasing.
            if (point.RawScore <= points[^1].RawScore) point = point with { RawScore = Math.BitIncrement(points[^1].RawScore) };
            points.Add(point);
        }
        var tail = $"log10(FMR) = a + b x raw score with b = {slope:G6}, fitted by least squares on the {TailCount(n)} highest impostor scores " +
            $"(FMR 1e-4 down to {MinImpostorEvents} pairs in {n:N0}) and anchored at the last measured row (Similarity {lastMeasured!.Similarity}, raw {lastMeasured.RawScore:G6}); " +
            $"rows above it are extrapolated.";
        return metadata with { Points = points, TailModel = tail, ImpostorPairs = n };
    }

    /// <summary>The measured FMR at a raw score: the fraction of impostor scores at or above it.</summary>
    public static double MeasuredFalseMatchRate(IReadOnlyList<double> sortedImpostorScores, double rawScore) =>
        (double)CountAtOrAbove(sortedImpostorScores, rawScore) / sortedImpostorScores.Count;

    /// <summary>How many of the ascending-sorted scores are at least <paramref name="rawScore"/>.</summary>
    public static long CountAtOrAbove(IReadOnlyList<double> sortedScores, double rawScore)
    {
        int lo = 0, hi = sortedScores.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sortedScores[mid] < rawScore) lo = mid + 1;
            else hi = mid;
        }
        return sortedScores.Count - lo;
    }

    private static int TailCount(int n) => Math.Max(MinImpostorEvents + 2, (int)Math.Round(1e-4 * n));

    // Least-squares slope of log10(j / n) on the j-th highest score, j from MinImpostorEvents to the 1e-4 quantile.
    private static double TailSlope(IReadOnlyList<double> scores)
    {
        var n = scores.Count;
        var top = TailCount(n);
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        var m = 0;
        for (var j = MinImpostorEvents; j <= top; j++)
        {
            var x = scores[n - j];
            var y = Math.Log10((double)j / n);
            sx += x; sy += y; sxx += x * x; sxy += x * y; m++;
        }
        var slope = (m * sxy - sx * sy) / (m * sxx - sx * sx);
        if (!(slope < 0) || !double.IsFinite(slope)) throw new InvalidOperationException($"The impostor tail does not fall with the score (slope {slope}); the scores cannot be calibrated.");
        return slope;
    }
}
