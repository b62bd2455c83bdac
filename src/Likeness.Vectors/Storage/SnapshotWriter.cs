using System.Numerics;
using System.Runtime.InteropServices;

namespace Likeness.Vectors.Storage;

/// <summary>Writes a snapshot body through a CRC-32C and ends it with the checksum; <see cref="SnapshotReader"/> verifies it.</summary>
internal sealed class SnapshotWriter : IDisposable
{
    private readonly FileStream stream;
    private uint crc = ~0u;

    public SnapshotWriter(string path)
    {
        stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
    }

    public void Write<T>(ReadOnlySpan<T> values) where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(values);
        crc = Crc32C.Append(crc, bytes);
        stream.Write(bytes);
    }

    public void Write<T>(T value) where T : unmanaged => Write(MemoryMarshal.CreateReadOnlySpan(ref value, 1));

    /// <summary>Appends the checksum and fsyncs the file.</summary>
    public void Complete()
    {
        uint sum = ~crc;
        stream.Write(MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(ref sum, 1)));
        stream.Flush(flushToDisk: true);
    }

    public void Dispose() => stream.Dispose();
}

/// <summary>CRC-32C (Castagnoli) over a byte stream, with the CPU's crc32 instruction where there is one.</summary>
internal static class Crc32C
{
    public static uint Append(uint crc, ReadOnlySpan<byte> bytes)
    {
        var words = MemoryMarshal.Cast<byte, ulong>(bytes);
        foreach (ulong word in words) crc = BitOperations.Crc32C(crc, word);
        for (int i = words.Length * sizeof(ulong); i < bytes.Length; i++) crc = BitOperations.Crc32C(crc, bytes[i]);
        return crc;
    }
}
