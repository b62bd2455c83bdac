namespace Likeness.Evaluation.Detection;

/// <summary>
/// A confidence threshold chosen on pooled detections so that false positives per image (FPPI) do not
/// exceed a target: the target, the threshold (detections at or above it count) and the FPPI reached.
/// </summary>
public sealed record FppiOperatingPoint(double TargetFppi, float Threshold, double Fppi)
{
    /// <summary>
    /// The lowest threshold with at most floor(target x images) false positives: just above the
    /// confidence of the first false positive beyond that budget, or <paramref name="floor"/> (the
    /// detector's own minimum) when there are not that many.
    /// </summary>
    public static FppiOperatingPoint Choose(IEnumerable<float> falsePositiveConfidences, int images, double targetFppi, float floor)
    {
        var sorted = falsePositiveConfidences.OrderByDescending(c => c).ToList();
        var budget = (int)Math.Floor(targetFppi * images + 1e-9);
        if (sorted.Count <= budget) return new FppiOperatingPoint(targetFppi, floor, (double)sorted.Count / images);
        var threshold = MathF.BitIncrement(sorted[budget]);
        return new FppiOperatingPoint(targetFppi, threshold, (double)sorted.Count(c => c >= threshold) / images);
    }
}
