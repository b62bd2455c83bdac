using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Likeness.Bench;

/// <summary>Times passes over a list of operations (one per photo or per face) on one or more threads at once.</summary>
/// <remarks>
/// <para>The rate is items over the wall-clock span of the timed passes, not 1000 / median: the six photos
/// hold three to six faces each, so an item's cost varies by photo and only the span says how many a
/// second get through. /work/shared/peers/bench.mjs reports its images/s the same way.</para>
/// <para>With several callers each runs its own warm-up, then all start their timed passes together
/// (a barrier), and the span runs from that start to the last caller's end, as bench.mjs's
/// <c>procs2</c> counts from the first timed loop's start to the last one's end. That is how a server
/// uses the cores: one request per thread, each run with one intra-op thread.</para>
/// </remarks>
public static class ThroughputHarness
{
    /// <summary>Each of <paramref name="callers"/> threads runs <paramref name="warmup"/> items untimed (cycling through <paramref name="items"/>), then every item <paramref name="passes"/> times, timed one by one.</summary>
    public static PipelineMeasurement Measure(string label, int callers, int warmup, int passes, IReadOnlyList<Action> items, ProgressLine progress)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(callers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(passes);
        ArgumentOutOfRangeException.ThrowIfZero(items.Count);

        var perCaller = passes * items.Count;
        var samples = new double[callers][];
        var allocated = new long[callers];
        var ends = new long[callers];
        using var start = new Barrier(callers + 1);
        var failures = new Exception?[callers];
        var threads = Enumerable.Range(0, callers).Select(caller => new Thread(() =>
        {
            var mine = new double[perCaller];
            try
            {
                for (var i = 0; i < warmup; i++)
                {
                    if (caller == 0) progress.Tick($"{label}: warm-up {i + 1}/{warmup}");
                    items[i % items.Count]();
                }
            }
            catch (Exception e)
            {
                failures[caller] = e;
            }
            // Reached even after a failed warm-up, so the other callers and the timer are not left waiting.
            start.SignalAndWait();
            var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                for (var i = 0; failures[caller] is null && i < perCaller; i++)
                {
                    if (caller == 0) progress.Tick($"{label}: pass {i / items.Count + 1}/{passes}, item {i % items.Count + 1}/{items.Count}");
                    var itemStart = Stopwatch.GetTimestamp();
                    items[i % items.Count]();
                    mine[i] = Stopwatch.GetElapsedTime(itemStart).TotalMilliseconds;
                }
            }
            catch (Exception e)
            {
                failures[caller] = e;
            }
            ends[caller] = Stopwatch.GetTimestamp();
            allocated[caller] = GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
            samples[caller] = mine;
        })
        {
            IsBackground = true,
            Name = $"bench caller {caller + 1}",
        }).ToList();
        foreach (var thread in threads) thread.Start();
        start.SignalAndWait();
        var begun = Stopwatch.GetTimestamp();
        foreach (var thread in threads) thread.Join();
        if (failures.FirstOrDefault(f => f is not null) is { } failure) ExceptionDispatchInfo.Throw(failure);

        var span = Stopwatch.GetElapsedTime(begun, ends.Max());
        var total = perCaller * callers;
        var measurement = new PipelineMeasurement(
            SampleStatistics.From([.. samples.SelectMany(s => s)]),
            total / span.TotalSeconds,
            total,
            callers,
            allocated.Sum() / total);
        progress.Done($"{label}: {measurement.ItemsPerSecond:F1}/s, median {measurement.Time.MedianMs:F1} ms, p90 {measurement.Time.P90Ms:F1} ms " +
                      $"({total} timed over {callers} caller(s), {measurement.AllocatedBytesPerItem:N0} B/item)");
        return measurement;
    }
}
