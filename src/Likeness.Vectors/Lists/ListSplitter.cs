using Likeness.Vectors.Kernels;

namespace Likeness.Vectors.Lists;

/// <summary>
/// Splits an oversized list in two by 2-means on its dequantized codes (bisecting k-means). The
/// partition therefore grows with the data, one list at a time, with no global re-training: an
/// insert costs one centroid scan, and a split touches only the list it splits.
/// </summary>
internal static class ListSplitter
{
    private const int Iterations = 8;

    /// <summary>Assigns each member to side 0 or 1 and writes both centroids. Always leaves both sides non-empty.</summary>
    public static void Split(InvertedList list, int dimension, int stride, Span<byte> side, Span<float> centroid0, Span<float> centroid1)
    {
        int n = list.Count;
        var points = new float[n * dimension];
        for (int i = 0; i < n; i++)
        {
            var code = list.Code(i);
            float scale = list.Scales[i];
            var p = points.AsSpan(i * dimension, dimension);
            for (int j = 0; j < dimension; j++) p[j] = code[j] * scale;
        }
        ReadOnlySpan<float> Point(int i) => points.AsSpan(i * dimension, dimension);

        // Farthest-point seeding from member 0, twice, puts the seeds on opposite sides of the list.
        int a = Farthest(points, n, dimension, Point(0));
        int b = Farthest(points, n, dimension, Point(a));
        Point(a).CopyTo(centroid0);
        Point(b).CopyTo(centroid1);

        var sum0 = new double[dimension];
        var sum1 = new double[dimension];
        int count0 = 0;
        for (int iteration = 0; iteration < Iterations; iteration++)
        {
            Array.Clear(sum0);
            Array.Clear(sum1);
            count0 = 0;
            bool changed = false;
            for (int i = 0; i < n; i++)
            {
                var p = Point(i);
                byte s = FloatKernels.SquaredDistance(p, centroid0) <= FloatKernels.SquaredDistance(p, centroid1) ? (byte)0 : (byte)1;
                if (iteration == 0 || side[i] != s) changed = true;
                side[i] = s;
                var sum = s == 0 ? sum0 : sum1;
                if (s == 0) count0++;
                for (int j = 0; j < dimension; j++) sum[j] += p[j];
            }
            if (count0 == 0 || count0 == n) break;
            for (int j = 0; j < dimension; j++)
            {
                centroid0[j] = (float)(sum0[j] / count0);
                centroid1[j] = (float)(sum1[j] / (n - count0));
            }
            if (!changed) break;
        }

        if (count0 == 0 || count0 == n)
        {
            // All members identical (or nearly): halve the list arbitrarily so it stops growing.
            for (int i = 0; i < n; i++) side[i] = (byte)(i & 1);
            Mean(points, n, dimension, side, 0, centroid0);
            Mean(points, n, dimension, side, 1, centroid1);
        }
    }

    private static int Farthest(float[] points, int n, int dimension, ReadOnlySpan<float> from)
    {
        int best = 0;
        float bestDistance = -1;
        for (int i = 0; i < n; i++)
        {
            float d = FloatKernels.SquaredDistance(points.AsSpan(i * dimension, dimension), from);
            if (d > bestDistance) { bestDistance = d; best = i; }
        }
        return best;
    }

    private static void Mean(float[] points, int n, int dimension, ReadOnlySpan<byte> side, byte which, Span<float> into)
    {
        var sum = new double[dimension];
        int count = 0;
        for (int i = 0; i < n; i++)
        {
            if (side[i] != which) continue;
            count++;
            for (int j = 0; j < dimension; j++) sum[j] += points[i * dimension + j];
        }
        for (int j = 0; j < dimension; j++) into[j] = count == 0 ? 0 : (float)(sum[j] / count);
    }
}
