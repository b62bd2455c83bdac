using Likeness.Vectors.Kernels;
using Likeness.Vectors.Storage;

namespace Likeness.Vectors;

/// <summary>
/// Nearest-neighbour search by Euclidean distance over float vectors keyed by <c>long</c>, kept in a
/// directory of its own. In memory: int8 codes (one scale per vector) in inverted lists; on disk, read
/// through the page cache: the float vectors, which re-score the best candidates so every returned
/// distance is exact. Up to <see cref="VectorIndexOptions.ApproximateAbove"/> vectors every code is
/// scanned; above it only the nearest <see cref="VectorIndexOptions.Probes"/> lists.
/// <para>
/// Thread safety: any number of concurrent <see cref="Search(ReadOnlySpan{float}, int)"/>,
/// <see cref="Contains"/> and <see cref="Count"/> calls, with <see cref="Add"/>, <see cref="Remove"/>
/// and <see cref="Save"/> from other threads (a reader-writer lock: Add and Remove are exclusive;
/// Save excludes Add and Remove but not searches).
/// </para>
/// <para>
/// Durability: only <see cref="Save"/> is durable. <see cref="Open(string)"/> returns exactly the
/// last saved state, or throws <see cref="VectorIndexException"/>; it never returns a torn one.
/// </para>
/// </summary>
public sealed class VectorIndex : IDisposable
{
    private const string SnapshotName = "index.snapshot";
    private const string TemporaryName = "index.snapshot.tmp";
    private const int MaxK = 4096;

    private readonly ReaderWriterLockSlim gate = new(LockRecursionPolicy.NoRecursion);
    private readonly string directory;
    private readonly VectorIndexCore core;
    private long checkpoint;
    private bool disposed;

    private VectorIndex(string directory, VectorIndexCore core, long checkpoint)
    {
        this.directory = directory;
        this.core = core;
        this.checkpoint = checkpoint;
    }

    /// <summary>Vector length every Add and Search must have.</summary>
    public int Dimension => core.Dimension;

    /// <summary>Number of vectors in the index.</summary>
    public int Count => Read(() => core.Count);

    /// <summary>The number given to the last <see cref="Save"/>, or 0 for an index never saved since Create.</summary>
    public long Checkpoint => Interlocked.Read(ref checkpoint);

    /// <summary>The options in force (those saved with the index unless Open was given others).</summary>
    public VectorIndexOptions Options => core.Options;

    /// <summary>Number of inverted lists the vectors are partitioned into.</summary>
    public int ListCount => Read(() => core.ListCount);

    /// <summary>Managed-heap bytes of the in-memory index (codes, keys, lists, key map); the float vectors live in the page cache instead.</summary>
    public long HeapBytes => Read(() => core.HeapBytes);

    /// <summary>Creates an empty index in <paramref name="directory"/> (created if needed) and saves it with checkpoint 0; throws <see cref="IOException"/> if an index is already there.</summary>
    public static VectorIndex Create(string directory, int dimension, VectorIndexOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimension, 65536);
        options ??= new VectorIndexOptions();
        options.Validate();
        directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(directory);
        if (File.Exists(Path.Combine(directory, SnapshotName)) || File.Exists(Path.Combine(directory, VectorFile.FileName)))
            throw new IOException($"vector index: an index already exists in '{directory}' (VectorIndex.Delete removes it)");
        var file = VectorFile.Create(directory, dimension);
        var index = new VectorIndex(directory, VectorIndexCore.CreateEmpty(dimension, options, file), 0);
        index.Save(0);
        return index;
    }

    /// <summary>Opens the last saved snapshot in <paramref name="directory"/> with its saved options; throws <see cref="VectorIndexException"/> if it is missing, torn or corrupt.</summary>
    public static VectorIndex Open(string directory) => Open(directory, null);

    /// <summary>Opens the last saved snapshot, replacing its saved options with <paramref name="options"/> when given.</summary>
    public static VectorIndex Open(string directory, VectorIndexOptions? options)
    {
        options?.Validate();
        directory = Path.GetFullPath(directory);
        try
        {
            using var reader = new SnapshotReader(Path.Combine(directory, SnapshotName));
            var core = VectorIndexCore.Load(reader, directory, options, out long checkpoint);
            return new VectorIndex(directory, core, checkpoint);
        }
        catch (IOException e)
        {
            throw new VectorIndexException($"vector index: cannot read '{directory}': {e.Message}", e);
        }
    }

    /// <summary>Deletes the index files in <paramref name="directory"/> (and the directory if that leaves it empty); nothing happens if there are none.</summary>
    public static void Delete(string directory)
    {
        foreach (string name in new[] { SnapshotName, TemporaryName, VectorFile.FileName })
        {
            File.Delete(Path.Combine(directory, name));
        }
        if (Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any()) Directory.Delete(directory);
    }

    /// <summary>Adds a vector; throws <see cref="ArgumentException"/> for a wrong length, a non-finite value or a key already present.</summary>
    public void Add(long key, ReadOnlySpan<float> vector)
    {
        CheckVector(vector, nameof(vector));
        gate.EnterWriteLock();
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            core.Add(key, vector);
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    /// <summary>Removes a key; false when it is not in the index.</summary>
    public bool Remove(long key)
    {
        gate.EnterWriteLock();
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return core.Remove(key);
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    /// <summary>Whether a key is in the index.</summary>
    public bool Contains(long key) => Read(() => core.Contains(key));

    /// <summary>The min(k, Count) nearest vectors by exact Euclidean distance, nearest first, ties by key; k is 1 to 4096.</summary>
    public IReadOnlyList<VectorMatch> Search(ReadOnlySpan<float> query, int k) => Search(query, k, probes: 0);

    /// <summary>
    /// As <see cref="Search(ReadOnlySpan{float}, int)"/> but scanning the <paramref name="probes"/> nearest lists whatever the
    /// index size (<c>int.MaxValue</c>: every list, exact up to int8 candidate selection); 0 means the options' choice.
    /// </summary>
    public IReadOnlyList<VectorMatch> Search(ReadOnlySpan<float> query, int k, int probes)
    {
        CheckVector(query, nameof(query));
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, MaxK);
        ArgumentOutOfRangeException.ThrowIfNegative(probes);
        gate.EnterReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (probes == 0) probes = core.Count > core.Options.ApproximateAbove ? core.Options.Probes : int.MaxValue;
            return core.Search(query, k, probes);
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    /// <summary>
    /// Makes the current state durable under <paramref name="checkpoint"/>: fsyncs the vector file,
    /// writes and fsyncs a new snapshot beside the old one, renames it over the old one, fsyncs the
    /// directory. A crash at any point leaves either the old or the new snapshot, whole.
    /// </summary>
    public void Save(long checkpoint)
    {
        gate.EnterUpgradeableReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            string temporary = Path.Combine(directory, TemporaryName);
            core.FlushVectors();
            using (var writer = new SnapshotWriter(temporary))
            {
                core.WriteSnapshot(writer, checkpoint);
            }
            File.Move(temporary, Path.Combine(directory, SnapshotName), overwrite: true);
            DirectorySync.Flush(directory);
            core.SnapshotCommitted();
            Interlocked.Exchange(ref this.checkpoint, checkpoint);
        }
        finally
        {
            gate.ExitUpgradeableReadLock();
        }
    }

    /// <summary>Closes the vector file; unsaved changes are lost (Save first to keep them).</summary>
    public void Dispose()
    {
        gate.EnterWriteLock();
        try
        {
            if (disposed) return;
            disposed = true;
            core.Dispose();
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    private void CheckVector(ReadOnlySpan<float> vector, string name)
    {
        if (vector.Length != core.Dimension) throw new ArgumentException($"vector has {vector.Length} values, the index has dimension {core.Dimension}", name);
        if (!FloatKernels.AllFinite(vector)) throw new ArgumentException("vector has a NaN or infinite value", name);
    }

    private T Read<T>(Func<T> read)
    {
        gate.EnterReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return read();
        }
        finally
        {
            gate.ExitReadLock();
        }
    }
}
