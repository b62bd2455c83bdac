namespace Likeness.Models.Conversion.Tfjs;

/// <summary>Shape arithmetic on TF.js shapes, where -1 is an unknown size (usually the batch).</summary>
internal static class TfjsShapes
{
    /// <summary>NumPy-style broadcast of two shapes, as tfjs-core's assertAndGetBroadcastShape.</summary>
    public static long[] Broadcast(IReadOnlyList<long> a, IReadOnlyList<long> b)
    {
        var rank = Math.Max(a.Count, b.Count);
        var result = new long[rank];
        for (var i = 0; i < rank; i++)
        {
            var da = i < rank - a.Count ? 1 : a[i - (rank - a.Count)];
            var db = i < rank - b.Count ? 1 : b[i - (rank - b.Count)];
            if (da == 1) result[i] = db;
            else if (db == 1) result[i] = da;
            else if (da < 0 || db < 0) result[i] = Math.Max(da, db);
            else if (da == db) result[i] = da;
            else throw new TfjsConversionException($"Shapes [{Format(a)}] and [{Format(b)}] do not broadcast.");
        }
        return result;
    }

    /// <summary>Normalises axes (negative counts from the end), checks them, and sorts them.</summary>
    public static int[] Axes(IEnumerable<long> axes, int rank, TfjsNode node)
    {
        var result = new SortedSet<int>();
        foreach (var axis in axes)
        {
            var a = axis < 0 ? axis + rank : axis;
            if (a < 0 || a >= rank) throw node.Error($"has axis {axis} outside rank {rank}");
            result.Add((int)a);
        }
        return result.ToArray();
    }

    /// <summary>
    /// Whether dropping <paramref name="removedTfAxes"/> from a rank-4 value stored NCHW leaves the kept axes in
    /// TF's order, so the op can run on the NCHW data directly ([N, C] after pooling H and W, say).
    /// </summary>
    public static bool KeptAxesStayInOrder(IReadOnlyCollection<int> removedTfAxes)
    {
        var last = -1;
        for (var a = 0; a < 4; a++)
        {
            if (removedTfAxes.Contains(a)) continue;
            var position = TfjsConversionContext.NchwAxisOf[a];
            if (position < last) return false;
            last = position;
        }
        return true;
    }

    public static long Product(IEnumerable<long> dims) => dims.Aggregate(1L, (p, d) => p * d);

    public static string Format(IEnumerable<long> shape) => string.Join(",", shape);
}
