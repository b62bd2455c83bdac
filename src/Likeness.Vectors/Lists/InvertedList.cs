namespace Likeness.Vectors.Lists;

/// <summary>
/// The members of one cell of the partition, stored column-wise so a scan reads its codes
/// contiguously: key, row in the vector file, quantization scale, exact squared norm, int8 code.
/// </summary>
internal sealed class InvertedList
{
    private readonly int stride;

    public InvertedList(int stride, int capacity)
    {
        this.stride = stride;
        capacity = Math.Max(capacity, 4);
        Keys = new long[capacity];
        Rows = new int[capacity];
        Scales = new float[capacity];
        Norms = new float[capacity];
        Codes = new sbyte[capacity * stride];
    }

    public int Count { get; private set; }
    public long[] Keys { get; private set; }
    public int[] Rows { get; private set; }
    public float[] Scales { get; private set; }
    public float[] Norms { get; private set; }
    public sbyte[] Codes { get; private set; }

    public Span<sbyte> Code(int position) => Codes.AsSpan(position * stride, stride);

    /// <summary>Appends a member and returns its position.</summary>
    public int Append(long key, int row, float scale, float norm, ReadOnlySpan<sbyte> code)
    {
        if (Count == Keys.Length) Grow(Count + Math.Max(16, Count / 2));
        int at = Count++;
        Keys[at] = key;
        Rows[at] = row;
        Scales[at] = scale;
        Norms[at] = norm;
        code.CopyTo(Code(at));
        return at;
    }

    /// <summary>Removes the member at a position by moving the last member into it; returns whether one moved.</summary>
    public bool RemoveAt(int position)
    {
        int last = --Count;
        if (position == last) return false;
        Keys[position] = Keys[last];
        Rows[position] = Rows[last];
        Scales[position] = Scales[last];
        Norms[position] = Norms[last];
        Code(last).CopyTo(Code(position));
        return true;
    }

    /// <summary>Sets the count after the arrays were filled directly (snapshot loading).</summary>
    public void SetCount(int count) => Count = count;

    private void Grow(int capacity)
    {
        Keys = Resize(Keys, capacity);
        Rows = Resize(Rows, capacity);
        Scales = Resize(Scales, capacity);
        Norms = Resize(Norms, capacity);
        Codes = Resize(Codes, capacity * stride);
    }

    private static T[] Resize<T>(T[] array, int length)
    {
        var copy = new T[length];
        Array.Copy(array, copy, Math.Min(array.Length, length));
        return copy;
    }
}
