using System.Runtime.InteropServices;

namespace Likeness.Vectors.Storage;

/// <summary>
/// The fixed-size start of a snapshot file. The body follows: centroids, list sizes, each list's
/// columns, the free rows; then a CRC-32C of everything before it (<see cref="SnapshotWriter"/>).
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal struct SnapshotHeader
{
    public const ulong ExpectedMagic = 0x3158444E49564B4C; // "LKVINDX1", little-endian
    public const int CurrentVersion = 1;

    public ulong Magic;
    public int Version;
    public int Dimension;
    public long Checkpoint;
    public int Count;
    public int ListCount;
    public int RowCount;
    public int FreeCount;
    public int ApproximateAbove;
    public int Probes;
    public int MaxListSize;
    public int RescoreMultiplier;
    public int RescoreExtra;
    public int VerifyVectorsOnOpen;
}
