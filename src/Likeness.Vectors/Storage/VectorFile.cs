using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Likeness.Vectors.Storage;

/// <summary>
/// The float vectors, one fixed-size row each, read with pread so they live in the page cache rather
/// than the process heap. Rows are never overwritten while the last snapshot refers to them: a row
/// freed by Remove waits in <c>pendingFree</c> until the next snapshot commits, so a crash at any
/// point leaves every row of the last snapshot intact (rows past its row count are ignored).
/// </summary>
internal sealed class VectorFile : IDisposable
{
    public const string FileName = "vectors.f32";

    private readonly FileStream stream;
    private readonly int dimension;
    private readonly Stack<int> free;
    private readonly List<int> pendingFree = [];

    private VectorFile(FileStream stream, int dimension, int rowCount, IEnumerable<int> free)
    {
        this.stream = stream;
        this.dimension = dimension;
        RowCount = rowCount;
        this.free = new Stack<int>(free);
    }

    public string Path => stream.Name;
    public SafeFileHandle Handle => stream.SafeFileHandle;
    public int RowBytes => dimension * sizeof(float);

    /// <summary>Rows ever handed out (the high-water mark); the file holds at least this many.</summary>
    public int RowCount { get; private set; }

    /// <summary>Rows that no live vector uses, as the next snapshot must record them.</summary>
    public IEnumerable<int> FreeRowsForSnapshot => free.Concat(pendingFree);

    public static VectorFile Create(string directory, int dimension)
    {
        var stream = new FileStream(System.IO.Path.Combine(directory, FileName), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 0, FileOptions.RandomAccess);
        return new VectorFile(stream, dimension, 0, []);
    }

    /// <summary>Opens the file of a snapshot that recorded <paramref name="rowCount"/> rows; throws when it is shorter.</summary>
    public static VectorFile Open(string directory, int dimension, int rowCount, IEnumerable<int> free)
    {
        string path = System.IO.Path.Combine(directory, FileName);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, 0, FileOptions.RandomAccess);
        }
        catch (FileNotFoundException e)
        {
            throw new VectorIndexException($"vector index: '{path}' is missing", e);
        }
        long needed = (long)rowCount * dimension * sizeof(float);
        long length = stream.Length;
        if (length < needed)
        {
            stream.Dispose();
            throw new VectorIndexException($"vector index: '{path}' is truncated ({length} bytes, the snapshot needs {needed})");
        }
        return new VectorFile(stream, dimension, rowCount, free);
    }

    /// <summary>Writes a vector into a free row (or a new one) and returns the row.</summary>
    public int Write(ReadOnlySpan<float> vector)
    {
        int row = free.Count > 0 ? free.Pop() : RowCount++;
        RandomAccess.Write(Handle, MemoryMarshal.AsBytes(vector), (long)row * RowBytes);
        return row;
    }

    /// <summary>Marks a row unused; it becomes reusable only after the next snapshot.</summary>
    public void Release(int row) => pendingFree.Add(row);

    public void Read(int row, Span<float> into)
    {
        var bytes = MemoryMarshal.AsBytes(into[..dimension]);
        int read = RandomAccess.Read(Handle, bytes, (long)row * RowBytes);
        if (read != bytes.Length) throw new VectorIndexException($"vector index: '{Path}' ends inside row {row}");
    }

    /// <summary>Reads consecutive rows starting at <paramref name="firstRow"/> (used to verify the file on open).</summary>
    public int ReadRows(int firstRow, Span<float> into) =>
        RandomAccess.Read(Handle, MemoryMarshal.AsBytes(into), (long)firstRow * RowBytes) / RowBytes;

    /// <summary>fsyncs the rows written so far.</summary>
    public void Flush() => stream.Flush(flushToDisk: true);

    /// <summary>Called once a snapshot has committed: rows freed before it may now be reused.</summary>
    public void SnapshotCommitted()
    {
        foreach (int row in pendingFree) free.Push(row);
        pendingFree.Clear();
    }

    public void Dispose() => stream.Dispose();
}
