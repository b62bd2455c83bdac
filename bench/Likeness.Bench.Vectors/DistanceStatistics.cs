using System.Text;

namespace Likeness.Bench.Vectors;

/// <summary>
/// Same-identity and different-identity Euclidean distances of a labelled set, and its shape: vector
/// norms, how far its mean is from the origin, and its effective number of dimensions.
/// </summary>
internal sealed record DistanceStatistics(string Name, int Count, long SamePairs, double SameP5, double SameP50, double SameP95, double DifferentP5, double DifferentP50, double DifferentP95, double SameAboveThreshold, double DifferentBelowThreshold, double MedianNorm, double MeanNorm, double EffectiveDimensions)
{
    /// <summary>face-api's / dlib's match threshold on the Euclidean distance (face-api README: 0.6).</summary>
    public const double Threshold = 0.6;

    private const int DifferentPairs = 200_000;

    /// <summary>Every same-label pair, <see cref="DifferentPairs"/> random different-label pairs (seeded).</summary>
    public static DistanceStatistics Of(string name, float[] vectors, string[] labels, int dimension, int seed)
    {
        int count = labels.Length;
        var same = new List<double>();
        foreach (var group in Enumerable.Range(0, count).GroupBy(i => labels[i]).Where(g => g.Count() >= 2))
        {
            var members = group.ToArray();
            for (int a = 0; a < members.Length; a++)
            {
                for (int b = a + 1; b < members.Length; b++) same.Add(Distance(vectors, members[a], members[b], dimension));
            }
        }
        var random = new Random(seed);
        var different = new double[DifferentPairs];
        for (int n = 0; n < DifferentPairs;)
        {
            int a = random.Next(count), b = random.Next(count);
            if (labels[a] != labels[b]) different[n++] = Distance(vectors, a, b, dimension);
        }
        var sameSorted = same.Order().ToArray();
        Array.Sort(different);
        var norms = Enumerable.Range(0, count).Select(i => Math.Sqrt(Dot(vectors, i, i, dimension))).Order().ToArray();
        var (meanNorm, effective) = Shape(vectors, count, dimension);
        return new DistanceStatistics(name, count, same.Count,
            Percentile(sameSorted, 0.05), Percentile(sameSorted, 0.50), Percentile(sameSorted, 0.95),
            Percentile(different, 0.05), Percentile(different, 0.50), Percentile(different, 0.95),
            sameSorted.Count(d => d > Threshold) / (double)sameSorted.Length, different.Count(d => d <= Threshold) / (double)different.Length,
            Percentile(norms, 0.5), meanNorm, effective);
    }

    public static string Table(IEnumerable<DistanceStatistics> rows)
    {
        var text = new StringBuilder();
        text.AppendLine($"Distances (Euclidean): every same-identity pair, {DifferentPairs:N0} random different-identity pairs; p5 / median / p95. \"Effective dimensions\": the participation ratio (Σλ)² / Σλ² of the covariance eigenvalues (128 for isotropic 128-d data). Threshold {Threshold} is face-api's.");
        text.AppendLine();
        text.AppendLine("| set | vectors | same pairs | same p5 | same median | same p95 | different p5 | different median | different p95 | same > 0.6 | different ≤ 0.6 | median norm | norm of the mean | effective dimensions |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            text.AppendLine($"| {r.Name} | {r.Count:N0} | {r.SamePairs:N0} | {r.SameP5:F3} | {r.SameP50:F3} | {r.SameP95:F3} | {r.DifferentP5:F3} | {r.DifferentP50:F3} | {r.DifferentP95:F3} | {r.SameAboveThreshold:P1} | {r.DifferentBelowThreshold:P2} | {r.MedianNorm:F3} | {r.MeanNorm:F3} | {r.EffectiveDimensions:F1} |");
        }
        return text.ToString();
    }

    /// <summary>Norm of the mean vector, and the participation ratio tr(C)² / ‖C‖²_F of the covariance C (no eigendecomposition needed).</summary>
    private static (double MeanNorm, double Effective) Shape(float[] vectors, int count, int dimension)
    {
        var mean = new double[dimension];
        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j < dimension; j++) mean[j] += vectors[i * dimension + j];
        }
        for (int j = 0; j < dimension; j++) mean[j] /= count;
        var covariance = new double[dimension * dimension];
        var centred = new double[dimension];
        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j < dimension; j++) centred[j] = vectors[i * dimension + j] - mean[j];
            for (int a = 0; a < dimension; a++)
            {
                double x = centred[a];
                for (int b = a; b < dimension; b++) covariance[a * dimension + b] += x * centred[b];
            }
        }
        double trace = 0, frobenius = 0;
        for (int a = 0; a < dimension; a++)
        {
            trace += covariance[a * dimension + a];
            for (int b = a; b < dimension; b++) frobenius += (a == b ? 1 : 2) * covariance[a * dimension + b] * covariance[a * dimension + b];
        }
        return (Math.Sqrt(mean.Sum(m => m * m)), trace * trace / frobenius);
    }

    private static double Distance(float[] v, int a, int b, int dimension)
    {
        double sum = 0;
        for (int j = 0; j < dimension; j++)
        {
            double d = v[a * dimension + j] - v[b * dimension + j];
            sum += d * d;
        }
        return Math.Sqrt(sum);
    }

    private static double Dot(float[] v, int a, int b, int dimension)
    {
        double sum = 0;
        for (int j = 0; j < dimension; j++) sum += (double)v[a * dimension + j] * v[b * dimension + j];
        return sum;
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
