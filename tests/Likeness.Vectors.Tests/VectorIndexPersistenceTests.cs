namespace Likeness.Vectors.Tests;

public sealed class VectorIndexPersistenceTests : IDisposable
{
    private readonly TemporaryDirectory temp = new();
    private readonly float[][] vectors = TestVectors.Random(1500, 48, 61);

    public void Dispose() => temp.Dispose();

    private string SnapshotPath => Path.Combine(temp.Path, "index.snapshot");
    private string VectorsPath => Path.Combine(temp.Path, "vectors.f32");

    private void Build(int count, long checkpoint)
    {
        using var index = VectorIndex.Create(temp.Path, 48, new VectorIndexOptions { MaxListSize = 64, Probes = 5 });
        for (int i = 0; i < count; i++) index.Add(i, vectors[i]);
        index.Save(checkpoint);
    }

    [Fact]
    public void OpenReturnsTheSavedStateWithItsCheckpointAndOptions()
    {
        using var built = VectorIndex.Create(temp.Path, 48, new VectorIndexOptions { MaxListSize = 64, Probes = 5 });
        for (int i = 0; i < 1000; i++) built.Add(i, vectors[i]);
        for (int i = 0; i < 1000; i += 7) built.Remove(i);
        built.Save(42);
        var before = vectors.Take(20).Select(q => built.Search(q, 15, 3)).ToArray();
        built.Dispose();

        using var opened = VectorIndex.Open(temp.Path);
        Assert.Equal(42, opened.Checkpoint);
        Assert.Equal(1000 - 143, opened.Count);
        Assert.Equal(5, opened.Options.Probes);
        Assert.Equal(64, opened.Options.MaxListSize);
        var after = vectors.Take(20).Select(q => opened.Search(q, 15, 3)).ToArray();
        for (int i = 0; i < before.Length; i++) Assert.Equal(before[i], after[i]);
    }

    [Fact]
    public void ChangesAfterTheLastSaveAreNotInTheReopenedIndex()
    {
        using (var index = VectorIndex.Create(temp.Path, 48))
        {
            for (int i = 0; i < 100; i++) index.Add(i, vectors[i]);
            index.Save(1);
            for (int i = 0; i < 50; i++) index.Remove(i);
            // Rows freed after the save must not be overwritten before the next one.
            for (int i = 100; i < 200; i++) index.Add(i, vectors[i]);
        }
        using var opened = VectorIndex.Open(temp.Path);
        Assert.Equal(1, opened.Checkpoint);
        Assert.Equal(100, opened.Count);
        for (int i = 0; i < 100; i++) Assert.Equal(i, opened.Search(vectors[i], 1)[0].Key);
    }

    [Fact]
    public void RowsFreedBeforeASaveAreReusedAfterIt()
    {
        using (var index = VectorIndex.Create(temp.Path, 48))
        {
            for (int i = 0; i < 100; i++) index.Add(i, vectors[i]);
            for (int i = 0; i < 100; i++) index.Remove(i);
            index.Save(1);
            for (int i = 100; i < 200; i++) index.Add(i, vectors[i]);
            index.Save(2);
        }
        Assert.Equal(100L * 48 * sizeof(float), new FileInfo(VectorsPath).Length);
        using var opened = VectorIndex.Open(temp.Path);
        for (int i = 100; i < 200; i++) Assert.Equal(i, opened.Search(vectors[i], 1)[0].Key);
    }

    [Fact]
    public void ANewIndexOpensEmptyAtCheckpointZero()
    {
        VectorIndex.Create(temp.Path, 48).Dispose();
        using var opened = VectorIndex.Open(temp.Path);
        Assert.Equal(0, opened.Count);
        Assert.Equal(0, opened.Checkpoint);
    }

    [Fact]
    public void CreatingOverAnExistingIndexThrowsUntilItIsDeleted()
    {
        VectorIndex.Create(temp.Path, 48).Dispose();
        Assert.Throws<IOException>(() => VectorIndex.Create(temp.Path, 48));
        VectorIndex.Delete(temp.Path);
        VectorIndex.Create(temp.Path, 48).Dispose();
    }

    [Fact]
    public void OpeningAMissingIndexThrows()
    {
        Assert.Throws<VectorIndexException>(() => VectorIndex.Open(temp.Sub("nothing")));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(5000)]
    public void ATruncatedSnapshotMakesOpenThrow(int bytesCut)
    {
        Build(1000, 7);
        using (var stream = new FileStream(SnapshotPath, FileMode.Open)) stream.SetLength(stream.Length - bytesCut);
        Assert.Throws<VectorIndexException>(() => VectorIndex.Open(temp.Path));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    [InlineData(9000)]
    [InlineData(-2)]
    public void AFlippedByteInTheSnapshotMakesOpenThrow(int offset)
    {
        Build(1000, 7);
        var bytes = File.ReadAllBytes(SnapshotPath);
        bytes[offset >= 0 ? offset : bytes.Length + offset] ^= 0x10;
        File.WriteAllBytes(SnapshotPath, bytes);
        Assert.Throws<VectorIndexException>(() => VectorIndex.Open(temp.Path));
    }

    [Fact]
    public void ATruncatedVectorFileMakesOpenThrow()
    {
        Build(1000, 7);
        using (var stream = new FileStream(VectorsPath, FileMode.Open)) stream.SetLength(stream.Length - 4);
        Assert.Throws<VectorIndexException>(() => VectorIndex.Open(temp.Path));
    }

    [Fact]
    public void ACorruptVectorRowMakesOpenThrow()
    {
        Build(1000, 7);
        using (var stream = new FileStream(VectorsPath, FileMode.Open))
        {
            stream.Position = 500 * 48 * sizeof(float) + 10;
            stream.WriteByte(0x7f);
        }
        Assert.Throws<VectorIndexException>(() => VectorIndex.Open(temp.Path));
    }

    [Fact]
    public void AnUnfinishedSaveLeavesThePreviousSnapshot()
    {
        Build(300, 3);
        // A crash mid-save leaves a partial temporary file beside the committed snapshot.
        File.WriteAllBytes(Path.Combine(temp.Path, "index.snapshot.tmp"), new byte[100]);
        using var opened = VectorIndex.Open(temp.Path);
        Assert.Equal(3, opened.Checkpoint);
        Assert.Equal(300, opened.Count);
    }
}
