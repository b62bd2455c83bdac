namespace Likeness.Vectors.Tests;

public sealed class VectorIndexUpdateTests : IDisposable
{
    private readonly TemporaryDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void AddRemoveAndContainsTrackKeys()
    {
        using var index = VectorIndex.Create(temp.Path, 3);
        index.Add(1, [1, 0, 0]);
        index.Add(2, [0, 1, 0]);
        Assert.True(index.Contains(1));
        Assert.Equal(2, index.Count);

        Assert.True(index.Remove(1));
        Assert.False(index.Remove(1));
        Assert.False(index.Contains(1));
        Assert.Equal([2L], index.Search([1, 0, 0], 10).Select(m => m.Key));

        index.Add(1, [0, 0, 1]);
        Assert.Equal(1, index.Search([0, 0, 1], 1)[0].Key);
    }

    [Fact]
    public void AddingAKeyTwiceThrows()
    {
        using var index = VectorIndex.Create(temp.Path, 2);
        index.Add(5, [1, 2]);
        Assert.Throws<ArgumentException>(() => index.Add(5, [3, 4]));
        Assert.Equal(1, index.Count);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void AddingANonFiniteValueThrows(float bad)
    {
        using var index = VectorIndex.Create(temp.Path, 2);
        Assert.Throws<ArgumentException>(() => index.Add(1, [0, bad]));
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void AddingTheWrongDimensionThrows()
    {
        using var index = VectorIndex.Create(temp.Path, 2);
        Assert.Throws<ArgumentException>(() => index.Add(1, [1, 2, 3]));
        Assert.Throws<ArgumentException>(() => index.Add(1, [1]));
    }

    [Fact]
    public void SplitsAndRemovalsKeepEveryVectorFindable()
    {
        var vectors = TestVectors.Random(2000, 32, 51);
        using var index = VectorIndex.Create(temp.Path, 32, new VectorIndexOptions { MaxListSize = 16 });
        for (int i = 0; i < vectors.Length; i++) index.Add(i, vectors[i]);
        for (int i = 0; i < vectors.Length; i += 2) index.Remove(i);

        Assert.True(index.ListCount > 100);
        for (int i = 1; i < vectors.Length; i += 2)
        {
            var best = index.Search(vectors[i], 1)[0];
            Assert.Equal(i, best.Key);
            Assert.Equal(0f, best.Distance);
        }
    }

    [Fact]
    public void IdenticalVectorsBeyondAListStillSplit()
    {
        using var index = VectorIndex.Create(temp.Path, 4, new VectorIndexOptions { MaxListSize = 16 });
        for (int i = 0; i < 100; i++) index.Add(i, [1, 1, 1, 1]);
        Assert.True(index.ListCount > 1);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), index.Search([1, 1, 1, 1], 10).Select(m => m.Key));
    }
}
