using System.Runtime.InteropServices;

namespace Likeness.Vectors.Storage;

/// <summary>Reads a snapshot written by <see cref="SnapshotWriter"/>, turning every short read or checksum mismatch into <see cref="VectorIndexException"/>.</summary>
internal sealed class SnapshotReader : IDisposable
{
    private readonly FileStream stream;
    private uint crc = ~0u;

    public SnapshotReader(string path)
    {
        Path = path;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new VectorIndexException($"vector index: no snapshot at '{path}'", e);
        }
    }

    public string Path { get; }
    public long Remaining => stream.Length - stream.Position;

    public void Read<T>(Span<T> into) where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(into);
        if (Remaining < bytes.Length + sizeof(uint)) throw Torn("ends early");
        stream.ReadExactly(bytes);
        crc = Crc32C.Append(crc, bytes);
    }

    public T Read<T>() where T : unmanaged
    {
        T value = default;
        Read(MemoryMarshal.CreateSpan(ref value, 1));
        return value;
    }

    /// <summary>Checks that exactly the checksum is left and that it matches.</summary>
    public void Complete()
    {
        if (Remaining != sizeof(uint)) throw Torn($"has {Remaining - sizeof(uint)} unexpected bytes before its checksum");
        uint stored = 0;
        stream.ReadExactly(MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref stored, 1)));
        if (stored != ~crc) throw Torn("fails its checksum");
    }

    public VectorIndexException Torn(string what) =>
        new($"vector index: snapshot '{Path}' {what}: it is torn or corrupt; delete the index and rebuild it");

    public void Dispose() => stream.Dispose();
}
