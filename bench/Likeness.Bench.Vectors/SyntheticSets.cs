namespace Likeness.Bench.Vectors;

/// <summary>A gallery to index and queries to search it with, all rows of one flat array.</summary>
internal sealed record VectorSet(string Name, int Dimension, float[] Gallery, float[] Queries)
{
    public int Count => Gallery.Length / Dimension;
    public int QueryCount => Queries.Length / Dimension;
    public ReadOnlySpan<float> Row(int i) => Gallery.AsSpan(i * Dimension, Dimension);
    public ReadOnlySpan<float> Query(int i) => Queries.AsSpan(i * Dimension, Dimension);
}

/// <summary>The two synthetic sets of bench/README.md, deterministic for a seed.</summary>
internal static class SyntheticSets
{
    /// <summary>Uniform random unit vectors: no structure at all, the worst case for any approximate index.</summary>
    public static VectorSet Uniform(int count, int queries, int dimension, int seed)
    {
        var gallery = new float[(long)count * dimension];
        var query = new float[queries * dimension];
        Parallel.For(0, 2, part =>
        {
            var target = part == 0 ? gallery : query;
            var random = new Random(seed + part);
            int rows = target.Length / dimension;
            for (int i = 0; i < rows; i++) UnitGaussian(random, target.AsSpan(i * dimension, dimension));
        });
        return new VectorSet("uniform unit", dimension, gallery, query);
    }

    /// <summary>
    /// Identities: isotropic random centres (norm ≈ 0.7, so centres are ≈ 1.0 apart) with
    /// <paramref name="perIdentity"/> samples each at ≈ 0.28 from the centre, so two samples of one
    /// identity are ≈ 0.4 apart and of two identities ≈ 1.05 — face-api's reported ranges (same person
    /// 0.3-0.5, different 0.8-1.2, threshold 0.6). Queries are fresh samples of gallery identities.
    /// Isotropic centres are still harder than real embeddings: measured on face-api's vectors of LFW + UTKFace
    /// (--real, docs/PERFORMANCE.md) the real ones have ~25 effective dimensions against ~122 here, sit
    /// off-centre (norm ≈ 1.4, mean ≈ 1.3 from the origin) and differ by a median 0.83, not 1.05.
    /// </summary>
    public static VectorSet Identities(int count, int queries, int dimension, int perIdentity, int seed)
    {
        int identities = (count + perIdentity - 1) / perIdentity;
        var random = new Random(seed);
        var centres = new float[identities * dimension];
        float centreSigma = 0.7f / MathF.Sqrt(dimension), noiseSigma = 0.28f / MathF.Sqrt(dimension);
        for (int i = 0; i < identities; i++) Gaussian(random, centres.AsSpan(i * dimension, dimension), centreSigma);
        var gallery = new float[(long)count * dimension];
        var query = new float[queries * dimension];
        const int Parts = 8;
        Parallel.For(0, Parts, part =>
        {
            var r = new Random(seed * 31 + part);
            for (int i = part; i < count; i += Parts) Sample(r, centres, i / perIdentity, gallery.AsSpan(i * dimension, dimension), noiseSigma);
        });
        for (int i = 0; i < queries; i++) Sample(random, centres, random.Next(identities), query.AsSpan(i * dimension, dimension), noiseSigma);
        return new VectorSet($"identities ×{perIdentity}", dimension, gallery, query);
    }

    private static void Sample(Random random, float[] centres, int identity, Span<float> into, float sigma)
    {
        Gaussian(random, into, sigma);
        var centre = centres.AsSpan(identity * into.Length, into.Length);
        for (int j = 0; j < into.Length; j++) into[j] += centre[j];
    }

    private static void UnitGaussian(Random random, Span<float> into)
    {
        Gaussian(random, into, 1);
        float norm = 0;
        foreach (float v in into) norm += v * v;
        norm = 1 / MathF.Sqrt(norm);
        for (int j = 0; j < into.Length; j++) into[j] *= norm;
    }

    internal static void Gaussian(Random random, Span<float> into, float sigma)
    {
        for (int j = 0; j < into.Length; j += 2)
        {
            double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
            double r = Math.Sqrt(-2 * Math.Log(u1)) * sigma;
            into[j] = (float)(r * Math.Cos(2 * Math.PI * u2));
            if (j + 1 < into.Length) into[j + 1] = (float)(r * Math.Sin(2 * Math.PI * u2));
        }
    }
}
