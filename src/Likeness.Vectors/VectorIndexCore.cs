using System.Buffers;
using System.Numerics;
using System.Runtime.Intrinsics;
using Likeness.Vectors.Kernels;
using Likeness.Vectors.Lists;
using Likeness.Vectors.Search;
using Likeness.Vectors.Storage;

namespace Likeness.Vectors;

/// <summary>
/// The index itself, single-threaded: <see cref="VectorIndex"/> adds locking, validation and file
/// lifecycle around it. It is an inverted-file index (IVF) whose lists hold int8 codes: a search picks
/// lists by centroid, scans their codes with <see cref="Int8Kernels.Dot"/>, keeps the best approximate
/// candidates and re-scores them exactly with the float rows of <see cref="VectorFile"/>. Scanning
/// every list is the exact mode used below <see cref="VectorIndexOptions.ApproximateAbove"/>.
/// Kept in one file because search, insert and the snapshot all walk the same columns.
/// </summary>
internal sealed class VectorIndexCore : IDisposable
{
    private readonly int dimension;
    private readonly int stride;
    private readonly VectorFile file;
    private readonly List<InvertedList> lists = [];
    private readonly Dictionary<long, Location> locations;
    private float[] centroids;

    private VectorIndexCore(int dimension, VectorIndexOptions options, VectorFile file, int capacity)
    {
        this.dimension = dimension;
        stride = Int8Kernels.Stride(dimension);
        Options = options;
        this.file = file;
        locations = new Dictionary<long, Location>(capacity);
        centroids = new float[dimension * 16];
    }

    public VectorIndexOptions Options { get; }
    public int Count => locations.Count;
    public int ListCount => lists.Count;
    public int Dimension => dimension;

    /// <summary>Bytes this index holds on the managed heap, counted from its arrays (the float rows are in the page cache, not here).</summary>
    public long HeapBytes
    {
        get
        {
            long bytes = centroids.Length * sizeof(float);
            foreach (var list in lists)
            {
                bytes += list.Keys.Length * (long)(sizeof(long) + sizeof(int) + 2 * sizeof(float)) + list.Codes.Length;
            }
            // Dictionary<long, Location>: a 4-byte bucket plus a 24-byte entry per slot.
            bytes += (long)locations.EnsureCapacity(0) * 28;
            return bytes;
        }
    }

    public static VectorIndexCore CreateEmpty(int dimension, VectorIndexOptions options, VectorFile file) => new(dimension, options, file, 0);

    public bool Contains(long key) => locations.ContainsKey(key);

    public void Add(long key, ReadOnlySpan<float> vector)
    {
        if (locations.ContainsKey(key)) throw new ArgumentException($"key {key} is already in the index", nameof(key));
        Span<sbyte> code = stackalloc sbyte[stride];
        float scale = Int8Kernels.Quantize(vector, code);
        float norm = FloatKernels.SquaredNorm(vector);

        int li = NearestList(vector);
        if (li < 0)
        {
            li = NewList(new InvertedList(stride, 64));
            vector.CopyTo(Centroid(li));
        }
        int row = file.Write(vector);
        var list = lists[li];
        int position = list.Append(key, row, scale, norm, code);
        locations.Add(key, new Location(li, position));

        // Running mean keeps the centroid the mean of what was inserted into the list.
        var centroid = Centroid(li);
        float weight = 1f / list.Count;
        for (int j = 0; j < dimension; j++) centroid[j] += (vector[j] - centroid[j]) * weight;

        if (list.Count > Options.MaxListSize) Split(li);
    }

    public bool Remove(long key)
    {
        if (!locations.Remove(key, out var at)) return false;
        var list = lists[at.List];
        int row = list.Rows[at.Position];
        if (list.RemoveAt(at.Position)) locations[list.Keys[at.Position]] = at;
        file.Release(row);
        return true;
    }

    /// <summary>The k nearest by exact distance among the candidates of the scanned lists; <paramref name="probes"/> ≥ list count scans everything.</summary>
    public VectorMatch[] Search(ReadOnlySpan<float> query, int k, int probes)
    {
        if (locations.Count == 0) return [];
        Span<short> queryCode = stackalloc short[stride];
        float queryScale = Int8Kernels.QuantizeQuery(query, queryCode);
        float queryNorm = FloatKernels.SquaredNorm(query);
        int wanted = Math.Min(locations.Count, Math.Max(k * Options.RescoreMultiplier, k + Options.RescoreExtra));
        var heap = new CandidateHeap(wanted);

        int[] order = ArrayPool<int>.Shared.Rent(lists.Count);
        int[] dots = ArrayPool<int>.Shared.Rent(Options.MaxListSize + 1);
        try
        {
            int scanned = SelectLists(query, probes, order);
            float twiceQueryScale = 2 * queryScale;
            for (int o = 0; o < scanned; o++)
            {
                var list = lists[order[o]];
                int n = list.Count;
                if (n == 0) continue;
                if (dots.Length < n)
                {
                    ArrayPool<int>.Shared.Return(dots);
                    dots = ArrayPool<int>.Shared.Rent(n);
                }
                Int8Kernels.Dot(list.Codes, n, stride, queryCode, dots);
                Collect(list, dots, n, queryNorm, twiceQueryScale, heap);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(order);
            ArrayPool<int>.Shared.Return(dots);
        }
        return Rescore(query, heap, k);
    }

    /// <summary>Offers the list's members whose approximate score beats the heap's threshold, eight scores at a time.</summary>
    private static void Collect(InvertedList list, int[] dots, int n, float queryNorm, float twiceQueryScale, CandidateHeap heap)
    {
        // ‖q − x‖² = ‖q‖² + ‖x‖² − 2 q·x, with q·x ≈ scale(q)·scale(x)·(codes dot).
        float[] norms = list.Norms, scales = list.Scales;
        float threshold = heap.Threshold;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var qn = Vector256.Create(queryNorm);
            var tq = Vector256.Create(twiceQueryScale);
            for (; i + 8 <= n; i += 8)
            {
                var score = qn + Vector256.Create(norms, i) - tq * Vector256.Create(scales, i) * Vector256.ConvertToSingle(Vector256.Create(dots, i));
                uint below = Vector256.LessThan(score, Vector256.Create(threshold)).ExtractMostSignificantBits();
                while (below != 0)
                {
                    int lane = BitOperations.TrailingZeroCount(below);
                    below &= below - 1;
                    float s = score.GetElement(lane);
                    if (s < threshold)
                    {
                        heap.Offer(s, list.Rows[i + lane], list.Keys[i + lane]);
                        threshold = heap.Threshold;
                    }
                }
            }
        }
        for (; i < n; i++)
        {
            float score = queryNorm + norms[i] - twiceQueryScale * scales[i] * dots[i];
            if (score < threshold)
            {
                heap.Offer(score, list.Rows[i], list.Keys[i]);
                threshold = heap.Threshold;
            }
        }
    }

    private VectorMatch[] Rescore(ReadOnlySpan<float> query, CandidateHeap heap, int k)
    {
        int n = heap.Count;
        var distances = new float[n];
        var keys = new long[n];
        Span<float> row = stackalloc float[dimension];
        for (int i = 0; i < n; i++)
        {
            file.Read(heap.RowAt(i), row);
            distances[i] = FloatKernels.SquaredDistance(query, row);
            keys[i] = heap.KeyAt(i);
        }
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Array.Sort(order, (a, b) =>
        {
            int c = distances[a].CompareTo(distances[b]);
            return c != 0 ? c : keys[a].CompareTo(keys[b]);
        });
        var result = new VectorMatch[Math.Min(k, n)];
        for (int i = 0; i < result.Length; i++) result[i] = new VectorMatch(keys[order[i]], MathF.Sqrt(distances[order[i]]));
        return result;
    }

    /// <summary>Writes the indices of the lists to scan into <paramref name="order"/>, nearest first, and returns how many.</summary>
    private int SelectLists(ReadOnlySpan<float> query, int probes, int[] order)
    {
        int n = lists.Count;
        if (probes >= n)
        {
            for (int i = 0; i < n; i++) order[i] = i;
            return n;
        }
        float[] distances = ArrayPool<float>.Shared.Rent(n);
        try
        {
            for (int i = 0; i < n; i++)
            {
                order[i] = i;
                distances[i] = FloatKernels.SquaredDistance(query, Centroid(i));
            }
            distances.AsSpan(0, n).Sort(order.AsSpan(0, n));
            return probes;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(distances);
        }
    }

    private int NearestList(ReadOnlySpan<float> vector)
    {
        int best = -1;
        float bestDistance = float.PositiveInfinity;
        for (int i = 0; i < lists.Count; i++)
        {
            float d = FloatKernels.SquaredDistance(vector, Centroid(i));
            if (d < bestDistance) { bestDistance = d; best = i; }
        }
        return best;
    }

    private void Split(int li)
    {
        var list = lists[li];
        int n = list.Count;
        var side = new byte[n];
        var c0 = new float[dimension];
        var c1 = new float[dimension];
        ListSplitter.Split(list, dimension, stride, side, c0, c1);
        int n1 = 0;
        foreach (byte s in side) n1 += s;
        var first = new InvertedList(stride, (n - n1) + (n - n1) / 8);
        var second = new InvertedList(stride, n1 + n1 / 8);
        lists[li] = first;
        int secondIndex = NewList(second);
        for (int i = 0; i < n; i++)
        {
            var target = side[i] == 0 ? first : second;
            int position = target.Append(list.Keys[i], list.Rows[i], list.Scales[i], list.Norms[i], list.Code(i));
            locations[list.Keys[i]] = new Location(side[i] == 0 ? li : secondIndex, position);
        }
        c0.CopyTo(Centroid(li));
        c1.CopyTo(Centroid(secondIndex));
    }

    private int NewList(InvertedList list)
    {
        lists.Add(list);
        int needed = lists.Count * dimension;
        if (centroids.Length < needed) Array.Resize(ref centroids, Math.Max(needed, centroids.Length * 2));
        return lists.Count - 1;
    }

    private Span<float> Centroid(int li) => centroids.AsSpan(li * dimension, dimension);

    public void WriteSnapshot(SnapshotWriter writer, long checkpoint)
    {
        var free = file.FreeRowsForSnapshot.ToArray();
        writer.Write(new SnapshotHeader
        {
            Magic = SnapshotHeader.ExpectedMagic,
            Version = SnapshotHeader.CurrentVersion,
            Dimension = dimension,
            Checkpoint = checkpoint,
            Count = locations.Count,
            ListCount = lists.Count,
            RowCount = file.RowCount,
            FreeCount = free.Length,
            ApproximateAbove = Options.ApproximateAbove,
            Probes = Options.Probes,
            MaxListSize = Options.MaxListSize,
            RescoreMultiplier = Options.RescoreMultiplier,
            RescoreExtra = Options.RescoreExtra,
            VerifyVectorsOnOpen = Options.VerifyVectorsOnOpen ? 1 : 0,
        });
        writer.Write<float>(centroids.AsSpan(0, lists.Count * dimension));
        foreach (var list in lists) writer.Write(list.Count);
        foreach (var list in lists)
        {
            int n = list.Count;
            writer.Write<long>(list.Keys.AsSpan(0, n));
            writer.Write<int>(list.Rows.AsSpan(0, n));
            writer.Write<float>(list.Scales.AsSpan(0, n));
            writer.Write<float>(list.Norms.AsSpan(0, n));
            writer.Write<sbyte>(list.Codes.AsSpan(0, n * stride));
        }
        writer.Write<int>(free);
        writer.Complete();
    }

    /// <summary>Loads a snapshot, checking every count, row and checksum, then opens its vector file.</summary>
    public static VectorIndexCore Load(SnapshotReader reader, string directory, VectorIndexOptions? options, out long checkpoint)
    {
        var header = reader.Read<SnapshotHeader>();
        if (header.Magic != SnapshotHeader.ExpectedMagic) throw reader.Torn("is not a vector index snapshot");
        if (header.Version != SnapshotHeader.CurrentVersion) throw new VectorIndexException($"vector index: snapshot '{reader.Path}' has version {header.Version}, this build reads {SnapshotHeader.CurrentVersion}; rebuild the index");
        if (header.Dimension is < 1 or > 65536 || header.Count < 0 || header.ListCount < 0 || header.RowCount < header.Count || header.FreeCount < 0)
            throw reader.Torn("has an impossible header");
        int dimension = header.Dimension, stride = Int8Kernels.Stride(dimension);
        long minimumBytes = (long)header.ListCount * (dimension + 1) * sizeof(float) + (long)header.Count * (20 + stride) + (long)header.FreeCount * sizeof(int);
        if (minimumBytes > reader.Remaining) throw reader.Torn("is shorter than its header says");

        options ??= new VectorIndexOptions
        {
            ApproximateAbove = header.ApproximateAbove,
            Probes = header.Probes,
            MaxListSize = header.MaxListSize,
            RescoreMultiplier = header.RescoreMultiplier,
            RescoreExtra = header.RescoreExtra,
            VerifyVectorsOnOpen = header.VerifyVectorsOnOpen != 0,
        };
        try { options.Validate(); }
        catch (ArgumentOutOfRangeException e) { throw new VectorIndexException($"vector index: snapshot '{reader.Path}' has invalid options: {e.Message}", e); }

        var centroids = new float[Math.Max(header.ListCount * dimension, dimension * 16)];
        reader.Read<float>(centroids.AsSpan(0, header.ListCount * dimension));
        var sizes = new int[header.ListCount];
        reader.Read<int>(sizes);
        long total = 0;
        foreach (int size in sizes)
        {
            if (size < 0) throw reader.Torn("has a negative list size");
            total += size;
        }
        if (total != header.Count) throw reader.Torn("has list sizes that do not add up to its count");

        var loaded = new List<InvertedList>(header.ListCount);
        foreach (int n in sizes)
        {
            var list = new InvertedList(stride, n + n / 8);
            reader.Read<long>(list.Keys.AsSpan(0, n));
            reader.Read<int>(list.Rows.AsSpan(0, n));
            reader.Read<float>(list.Scales.AsSpan(0, n));
            reader.Read<float>(list.Norms.AsSpan(0, n));
            reader.Read<sbyte>(list.Codes.AsSpan(0, n * stride));
            list.SetCount(n);
            loaded.Add(list);
        }
        var free = new int[header.FreeCount];
        reader.Read<int>(free);
        reader.Complete();

        // The checksum guards against damage; these guard against a writer bug ever producing a
        // snapshot whose rows collide, which would silently return wrong vectors.
        var rowUsed = new bool[header.RowCount];
        foreach (var list in loaded)
        {
            for (int i = 0; i < list.Count; i++)
            {
                int row = list.Rows[i];
                if ((uint)row >= (uint)rowUsed.Length || rowUsed[row]) throw reader.Torn($"has an invalid or shared vector row {row}");
                rowUsed[row] = true;
            }
        }
        foreach (int row in free)
        {
            if ((uint)row >= (uint)rowUsed.Length || rowUsed[row]) throw reader.Torn($"has an invalid free row {row}");
            rowUsed[row] = true;
        }

        var file = VectorFile.Open(directory, dimension, header.RowCount, free);
        try
        {
            var core = new VectorIndexCore(dimension, options, file, header.Count) { centroids = centroids };
            for (int li = 0; li < loaded.Count; li++)
            {
                var list = loaded[li];
                core.lists.Add(list);
                for (int i = 0; i < list.Count; i++)
                {
                    if (!core.locations.TryAdd(list.Keys[i], new Location(li, i))) throw reader.Torn($"has key {list.Keys[i]} twice");
                }
            }
            if (options.VerifyVectorsOnOpen) core.VerifyVectorFile();
            checkpoint = header.Checkpoint;
            return core;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Re-reads every live float row and checks it against the squared norm saved with its code.</summary>
    private void VerifyVectorFile()
    {
        var expected = new float[file.RowCount];
        Array.Fill(expected, float.NaN);
        foreach (var list in lists)
        {
            for (int i = 0; i < list.Count; i++) expected[list.Rows[i]] = list.Norms[i];
        }
        const int ChunkRows = 4096;
        var buffer = new float[ChunkRows * dimension];
        for (int first = 0; first < file.RowCount; first += ChunkRows)
        {
            int rows = Math.Min(ChunkRows, file.RowCount - first);
            if (file.ReadRows(first, buffer.AsSpan(0, rows * dimension)) < rows)
                throw new VectorIndexException($"vector index: '{file.Path}' is truncated at row {first}");
            for (int r = 0; r < rows; r++)
            {
                float want = expected[first + r];
                if (float.IsNaN(want)) continue;
                float got = FloatKernels.SquaredNorm(buffer.AsSpan(r * dimension, dimension));
                // Same kernel, same bytes: equal here; the tolerance only admits another CPU's summation order.
                if (!(MathF.Abs(got - want) <= 1e-4f * MathF.Max(1f, want)))
                    throw new VectorIndexException($"vector index: '{file.Path}' row {first + r} does not match its snapshot (corrupt); delete the index and rebuild it");
            }
        }
    }

    /// <summary>fsyncs the float rows written since the last snapshot.</summary>
    public void FlushVectors() => file.Flush();

    /// <summary>Rows freed before the snapshot just committed may now be reused.</summary>
    public void SnapshotCommitted() => file.SnapshotCommitted();

    public void Dispose() => file.Dispose();

    private readonly record struct Location(int List, int Position);
}
