using Likeness.Vectors.Kernels;

namespace Likeness.Vectors.Tests;

/// <summary>Deterministic synthetic vectors and the brute-force float search the index must agree with.</summary>
internal static class TestVectors
{
    /// <summary>Gaussian vectors with norms spread around 1, like face-api's unnormalised embeddings.</summary>
    public static float[][] Random(int count, int dimension, int seed)
    {
        var random = new Random(seed);
        var vectors = new float[count][];
        for (int i = 0; i < count; i++)
        {
            var v = Gaussian(random, dimension, 1f / MathF.Sqrt(dimension));
            float scale = 0.7f + 0.6f * random.NextSingle();
            for (int j = 0; j < dimension; j++) v[j] *= scale;
            vectors[i] = v;
        }
        return vectors;
    }

    /// <summary>Identities: centres about 1 apart, samples about 0.4 from their centre (face-api's same/different distances).</summary>
    public static (float[][] Gallery, float[][] Queries) Identities(int identities, int samplesPerIdentity, int queries, int dimension, int seed, float spread = 0.28f)
    {
        var random = new Random(seed);
        var centres = new float[identities][];
        for (int i = 0; i < identities; i++) centres[i] = Gaussian(random, dimension, 0.7f / MathF.Sqrt(dimension));
        float noise = spread / MathF.Sqrt(dimension);
        var gallery = new float[identities * samplesPerIdentity][];
        for (int i = 0; i < gallery.Length; i++) gallery[i] = Around(random, centres[i / samplesPerIdentity], noise);
        var query = new float[queries][];
        for (int i = 0; i < queries; i++) query[i] = Around(random, centres[random.Next(identities)], noise);
        return (gallery, query);
    }

    /// <summary>Clusters: centres about 1 apart, members about 0.5 from their centre, so each point's ten nearest are in its cluster.</summary>
    public static (float[][] Gallery, float[][] Queries) Clustered(int clusters, int perCluster, int queries, int dimension, int seed) =>
        Identities(clusters, perCluster, queries, dimension, seed, spread: 0.5f);

    public static long[] BruteForce(float[][] vectors, ReadOnlySpan<float> query, int k)
    {
        var distances = new (float Distance, long Key)[vectors.Length];
        for (int i = 0; i < vectors.Length; i++) distances[i] = (FloatKernels.SquaredDistance(query, vectors[i]), i);
        Array.Sort(distances);
        return distances.Take(k).Select(d => d.Key).ToArray();
    }

    private static float[] Around(Random random, float[] centre, float sigma)
    {
        var v = Gaussian(random, centre.Length, sigma);
        for (int j = 0; j < v.Length; j++) v[j] += centre[j];
        return v;
    }

    private static float[] Gaussian(Random random, int dimension, float sigma)
    {
        var v = new float[dimension];
        for (int j = 0; j < dimension; j++)
        {
            double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
            v[j] = (float)(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2)) * sigma;
        }
        return v;
    }
}

/// <summary>A fresh directory under the temp folder, deleted afterwards.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "likeness-vectors-" + Guid.NewGuid().ToString("N"));

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
