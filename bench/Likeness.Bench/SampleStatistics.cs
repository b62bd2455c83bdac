namespace Likeness.Bench;

/// <summary>Summary of timed repetitions, in milliseconds.</summary>
/// <remarks>
/// The median of the sorted samples and the 90th percentile by nearest rank (the ceil(0.9 n)-th
/// smallest). bench/peer/tfjs-models.mjs computes the same two numbers the same way, so the columns
/// of a table compare like with like.
/// </remarks>
public sealed record SampleStatistics(int Reps, double MedianMs, double P90Ms, double MinMs, double MeanMs)
{
    /// <summary>Summarises <paramref name="samplesMs"/>; there must be at least one.</summary>
    public static SampleStatistics From(IReadOnlyList<double> samplesMs)
    {
        ArgumentOutOfRangeException.ThrowIfZero(samplesMs.Count);
        var sorted = samplesMs.Order().ToArray();
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        var p90 = sorted[Math.Max(0, (int)Math.Ceiling(0.9 * sorted.Length) - 1)];
        return new SampleStatistics(sorted.Length, median, p90, sorted[0], sorted.Average());
    }
}
