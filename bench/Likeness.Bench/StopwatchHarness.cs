using System.Diagnostics;

namespace Likeness.Bench;

/// <summary>Times an operation: warm-up runs that are thrown away, then repetitions timed one by one.</summary>
/// <remarks>
/// Not BenchmarkDotNet: these operations take milliseconds to hundreds of milliseconds and spend
/// their time in native code (ONNX Runtime, libjpeg-turbo), so a Stopwatch around each call is
/// precise enough, and one process can measure a dozen models and hand the same inputs to the peer.
/// Warm-up covers the JIT and ORT's first-run allocations (its memory arena, kernel selection).
/// Allocations and page faults are read just outside the timed call, so neither the progress line
/// nor the reading itself is counted.
/// </remarks>
public static class StopwatchHarness
{
    /// <summary>Runs <paramref name="op"/> <paramref name="warmup"/> times untimed, then <paramref name="reps"/> times timed.</summary>
    public static Measurement Measure(string label, int warmup, int reps, Action op, ProgressLine progress)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(reps);
        for (var i = 0; i < warmup; i++)
        {
            progress.Tick($"{label}: warm-up {i + 1}/{warmup}");
            op();
        }

        var samples = new double[reps];
        long allocated = 0;
        long? faults = 0;
        int[] collectionsBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        for (var i = 0; i < reps; i++)
        {
            progress.Tick($"{label}: rep {i + 1}/{reps}");
            var faultsBefore = MachineInfo.MinorFaults();
            var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
            var start = Stopwatch.GetTimestamp();
            op();
            var elapsed = Stopwatch.GetElapsedTime(start);
            allocated += GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
            faults += MachineInfo.MinorFaults() - faultsBefore;
            samples[i] = elapsed.TotalMilliseconds;
        }

        var measurement = new Measurement(SampleStatistics.From(samples), allocated / reps, (double?)faults / reps,
            GC.CollectionCount(0) - collectionsBefore[0], GC.CollectionCount(1) - collectionsBefore[1], GC.CollectionCount(2) - collectionsBefore[2]);
        progress.Done($"{label}: median {measurement.Time.MedianMs:F2} ms, p90 {measurement.Time.P90Ms:F2} ms, " +
                      $"{measurement.AllocatedBytesPerOp:N0} B/op, {measurement.MinorFaultsPerOp:F0} faults/op, " +
                      $"GCs {measurement.Gen0Collections}/{measurement.Gen1Collections}/{measurement.Gen2Collections} ({reps} reps)");
        return measurement;
    }
}
