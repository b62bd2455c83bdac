using System.Diagnostics;
using Likeness.Vectors;

namespace Likeness.Bench.Vectors;

/// <summary>Latency, throughput and recall of one search mode (a probe count) on one index.</summary>
internal sealed record SearchRow(string Mode, double P50Top1, double P99Top1, double P50Top10, double P50Top100, double P99Top100, double Throughput2, double Recall1, double Recall10, double Recall100, double P99Top10);

internal static class SearchMeasurement
{
    public static SearchRow Measure(VectorIndex index, VectorSet set, long[][] truth, string mode, int probes, bool full)
    {
        int q = set.QueryCount;
        for (int i = 0; i < Math.Min(20, q); i++) index.Search(set.Query(i), 100, probes);

        var (p50x1, p99x1, recall1) = Run(index, set, truth, 1, probes);
        var (p50x10, p99x10, recall10) = Run(index, set, truth, 10, probes);
        if (!full) return new SearchRow(mode, p50x1, p99x1, p50x10, double.NaN, double.NaN, double.NaN, recall1, recall10, double.NaN, p99x10);
        var (p50x100, p99x100, recall100) = Run(index, set, truth, 100, probes);

        // Two threads, each through every query at k = 10: the service's shape on this 2-core machine.
        var wall = Stopwatch.StartNew();
        Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = 2 }, t =>
        {
            for (int i = 0; i < q; i++) index.Search(set.Query((i + t * q / 2) % q), 10, probes);
        });
        double throughput = 2.0 * q / wall.Elapsed.TotalSeconds;
        return new SearchRow(mode, p50x1, p99x1, p50x10, p50x100, p99x100, throughput, recall1, recall10, recall100, p99x10);
    }

    private static (double P50, double P99, double Recall) Run(VectorIndex index, VectorSet set, long[][] truth, int k, int probes)
    {
        int q = set.QueryCount;
        var milliseconds = new double[q];
        long found = 0;
        for (int i = 0; i < q; i++)
        {
            long start = Stopwatch.GetTimestamp();
            var result = index.Search(set.Query(i), k, probes);
            milliseconds[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            var expected = truth[i].AsSpan(0, k).ToArray().ToHashSet();
            found += result.Count(m => expected.Contains(m.Key));
        }
        Array.Sort(milliseconds);
        return (Percentile(milliseconds, 0.50), Percentile(milliseconds, 0.99), found / (double)(k * q));
    }

    /// <summary>Nearest-rank percentile, as bench/Likeness.Bench reports.</summary>
    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
