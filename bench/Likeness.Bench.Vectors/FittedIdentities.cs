namespace Likeness.Bench.Vectors;

/// <summary>
/// Synthetic identities shaped like the real vectors: a Gaussian with the real mean and full covariance
/// (sampled through its Cholesky factor, so the real vectors' correlations and few effective dimensions
/// are kept), split into a between-identity part (the centre) and a within-identity part (the samples) so
/// that median same / different distances match the real ones. The distractors of the mixed gallery: the
/// bench's isotropic generator sits around the origin, far from the real vectors, and would be trivially
/// separable from them. Both parts share the one covariance shape, which real identities need not do.
/// </summary>
internal sealed class FittedIdentities(float[] mean, float[] factor, float between, float within)
{
    public static FittedIdentities Fit(RealFaceSet faces, DistanceStatistics real)
    {
        int d = faces.Dimension, n = faces.Count;
        var mean = new double[d];
        for (int i = 0; i < n; i++)
        {
            var row = faces.Row(i);
            for (int j = 0; j < d; j++) mean[j] += row[j];
        }
        for (int j = 0; j < d; j++) mean[j] /= n;
        var covariance = new double[d * d];
        var centred = new double[d];
        for (int i = 0; i < n; i++)
        {
            var row = faces.Row(i);
            for (int j = 0; j < d; j++) centred[j] = row[j] - mean[j];
            for (int a = 0; a < d; a++)
            {
                for (int b = 0; b <= a; b++) covariance[a * d + b] += centred[a] * centred[b];
            }
        }
        for (int a = 0; a < d; a++)
        {
            for (int b = 0; b <= a; b++) covariance[a * d + b] /= n;
        }
        // Same distance² = 2 w² tr(C), different distance² = 2 tr(C) (w² + b² = 1), so w = same / different.
        double w = Math.Clamp(real.SameP50 / real.DifferentP50, 0, 1);
        return new FittedIdentities(mean.Select(m => (float)m).ToArray(), Cholesky(covariance, d), (float)Math.Sqrt(1 - w * w), (float)w);
    }

    /// <summary>Lower-triangular L with L Lᵀ = C (C read from its lower triangle), a little jitter on the diagonal for safety.</summary>
    private static float[] Cholesky(double[] c, int d)
    {
        double jitter = 1e-9 * Enumerable.Range(0, d).Average(i => c[i * d + i]);
        var l = new double[d * d];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = c[i * d + j] + (i == j ? jitter : 0);
                for (int k = 0; k < j; k++) sum -= l[i * d + k] * l[j * d + k];
                l[i * d + j] = i == j ? Math.Sqrt(Math.Max(sum, jitter)) : sum / l[j * d + j];
            }
        }
        return l.Select(v => (float)v).ToArray();
    }

    /// <summary><paramref name="count"/> rows, <paramref name="perIdentity"/> consecutive rows per identity, deterministic for a seed.</summary>
    public float[] Generate(int count, int perIdentity, int seed)
    {
        int d = mean.Length, identities = (count + perIdentity - 1) / perIdentity;
        var rows = new float[(long)count * d];
        const int Parts = 8;
        Parallel.For(0, Parts, part =>
        {
            var random = new Random(seed * 31 + part);
            var centre = new float[d];
            var z = new float[d];
            for (int id = part; id < identities; id += Parts)
            {
                SyntheticSets.Gaussian(random, z, 1);
                Correlate(z, centre, between);
                for (int j = 0; j < d; j++) centre[j] += mean[j];
                for (int s = id * perIdentity; s < Math.Min(count, (id + 1) * perIdentity); s++)
                {
                    SyntheticSets.Gaussian(random, z, 1);
                    var into = rows.AsSpan((int)((long)s * d), d);
                    Correlate(z, into, within);
                    for (int j = 0; j < d; j++) into[j] += centre[j];
                }
            }
        });
        return rows;
    }

    /// <summary>into = scale · L z.</summary>
    private void Correlate(ReadOnlySpan<float> z, Span<float> into, float scale)
    {
        int d = mean.Length;
        for (int i = 0; i < d; i++)
        {
            float sum = 0;
            var row = factor.AsSpan(i * d, i + 1);
            for (int k = 0; k <= i; k++) sum += row[k] * z[k];
            into[i] = sum * scale;
        }
    }
}
