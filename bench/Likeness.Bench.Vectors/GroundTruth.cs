namespace Likeness.Bench.Vectors;

/// <summary>Exact float brute force, the reference every recall figure is measured against.</summary>
internal static class GroundTruth
{
    public static long[][] Compute(VectorSet set, int k, Action<int> progress)
    {
        var truth = new long[set.QueryCount][];
        int done = 0;
        Parallel.For(0, set.QueryCount, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, q =>
        {
            var query = set.Query(q).ToArray();
            var best = new PriorityQueue<long, float>(k + 1, Comparer<float>.Create((a, b) => b.CompareTo(a)));
            for (int i = 0; i < set.Count; i++)
            {
                float d = SquaredDistance(query, set.Row(i));
                if (best.Count < k) best.Enqueue(i, d);
                else if (best.TryPeek(out _, out float worst) && d < worst) best.EnqueueDequeue(i, d);
            }
            var row = new (float, long)[best.Count];
            int n = 0;
            while (best.TryDequeue(out long key, out float d)) row[n++] = (d, key);
            Array.Sort(row);
            truth[q] = row.Select(r => r.Item2).ToArray();
            progress(Interlocked.Increment(ref done));
        });
        return truth;
    }

    private static float SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = System.Numerics.Vector<float>.Zero;
        int w = System.Numerics.Vector<float>.Count, i = 0;
        for (; i + w <= a.Length; i += w)
        {
            var d = new System.Numerics.Vector<float>(a[i..]) - new System.Numerics.Vector<float>(b[i..]);
            sum += d * d;
        }
        float total = System.Numerics.Vector.Sum(sum);
        for (; i < a.Length; i++) total += (a[i] - b[i]) * (a[i] - b[i]);
        return total;
    }
}
