using Likeness.Vectors.Kernels;

namespace Likeness.Vectors.Tests;

public sealed class VectorIndexSearchTests : IDisposable
{
    private readonly TemporaryDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(100)]
    public void ExactSearchEqualsBruteForceFloatSearch(int k)
    {
        var vectors = TestVectors.Random(3000, 128, 11);
        // Small lists so the exact mode is exercised across many lists and splits.
        using var index = VectorIndex.Create(temp.Path, 128, new VectorIndexOptions { MaxListSize = 200 });
        for (int i = 0; i < vectors.Length; i++) index.Add(i, vectors[i]);
        Assert.True(index.ListCount > 10);

        foreach (var query in TestVectors.Random(30, 128, 12))
        {
            var expected = TestVectors.BruteForce(vectors, query, k);
            var got = index.Search(query, k);
            Assert.Equal(expected, got.Select(m => m.Key));
            foreach (var match in got)
            {
                Assert.Equal(MathF.Sqrt(FloatKernels.SquaredDistance(query, vectors[match.Key])), match.Distance);
            }
        }
    }

    [Fact]
    public void ApproximateSearchHasRecallAtTenOfAtLeast099OnClusteredData()
    {
        var (gallery, queries) = TestVectors.Clustered(200, 100, 200, 128, 21);
        var options = new VectorIndexOptions { ApproximateAbove = 1000, MaxListSize = 256, Probes = 12 };
        using var index = VectorIndex.Create(temp.Path, 128, options);
        for (int i = 0; i < gallery.Length; i++) index.Add(i, gallery[i]);
        // Probing 12 of this many lists scans well under a quarter of the vectors: really approximate.
        Assert.True(index.ListCount >= 4 * options.Probes, $"only {index.ListCount} lists");

        int found = 0;
        foreach (var query in queries)
        {
            var truth = TestVectors.BruteForce(gallery, query, 10).ToHashSet();
            found += index.Search(query, 10).Count(m => truth.Contains(m.Key));
        }
        double recall = found / (10.0 * queries.Length);
        Assert.True(recall >= 0.99, $"recall@10 = {recall:F4}");
    }

    [Fact]
    public void AnEmptyIndexFindsNothing()
    {
        using var index = VectorIndex.Create(temp.Path, 4);
        Assert.Empty(index.Search([1, 2, 3, 4], 10));
    }

    [Fact]
    public void KLargerThanCountReturnsEveryVectorInOrder()
    {
        using var index = VectorIndex.Create(temp.Path, 2);
        index.Add(7, [3, 0]);
        Assert.Equal([new VectorMatch(7, 3)], index.Search([0, 0], 5));
        index.Add(8, [1, 0]);
        index.Add(9, [0, 2]);
        Assert.Equal([8L, 9, 7], index.Search([0, 0], 4096).Select(m => m.Key));
    }

    [Fact]
    public void TiesAreOrderedByKey()
    {
        using var index = VectorIndex.Create(temp.Path, 2);
        index.Add(30, [1, 1]);
        index.Add(10, [1, 1]);
        index.Add(20, [-1, -1]);
        Assert.Equal([10L, 20, 30], index.Search([0, 0], 3).Select(m => m.Key));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4097)]
    [InlineData(-1)]
    public void KOutsideOneTo4096Throws(int k)
    {
        using var index = VectorIndex.Create(temp.Path, 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search([0, 0], k));
    }

    [Fact]
    public void AQueryOfTheWrongDimensionOrWithNaNThrows()
    {
        using var index = VectorIndex.Create(temp.Path, 2);
        Assert.Throws<ArgumentException>(() => index.Search([0, 0, 0], 1));
        Assert.Throws<ArgumentException>(() => index.Search([float.NaN, 0], 1));
    }

    [Fact]
    public async Task ConcurrentSearchesDuringAddsAndRemovesReturnConsistentResults()
    {
        var vectors = TestVectors.Random(6000, 64, 31);
        using var index = VectorIndex.Create(temp.Path, 64, new VectorIndexOptions { MaxListSize = 128, ApproximateAbove = 2000, Probes = 8 });
        for (int i = 0; i < 500; i++) index.Add(i, vectors[i]);

        using var done = new CancellationTokenSource();
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var searchers = Enumerable.Range(0, 2).Select(t => Task.Run(() =>
        {
            var queries = TestVectors.Random(50, 64, 40 + t);
            int q = 0;
            while (!done.IsCancellationRequested)
            {
                var got = index.Search(queries[q++ % queries.Length], 20);
                if (got.Count != 20) errors.Enqueue($"{got.Count} results");
                for (int i = 1; i < got.Count; i++)
                {
                    if (got[i].Distance < got[i - 1].Distance) errors.Enqueue("unsorted");
                }
                if (got.Select(m => m.Key).Distinct().Count() != got.Count) errors.Enqueue("duplicate key");
            }
        })).ToArray();

        for (int i = 500; i < vectors.Length; i++)
        {
            index.Add(i, vectors[i]);
            if (i % 3 == 0) index.Remove(i - 400);
            if (i % 2000 == 0) index.Save(i);
        }
        done.Cancel();
        await Task.WhenAll(searchers);

        Assert.Empty(errors);
        int removed = Enumerable.Range(500, vectors.Length - 500).Count(i => i % 3 == 0);
        Assert.Equal(vectors.Length - removed, index.Count);
    }
}
