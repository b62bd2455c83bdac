namespace Likeness.Vectors.Search;

/// <summary>A bounded max-heap keeping the <c>capacity</c> smallest approximate scores seen, with the row and key of each.</summary>
internal sealed class CandidateHeap
{
    private readonly float[] scores;
    private readonly int[] rows;
    private readonly long[] keys;

    public CandidateHeap(int capacity)
    {
        scores = new float[capacity];
        rows = new int[capacity];
        keys = new long[capacity];
    }

    public int Count { get; private set; }

    /// <summary>The score a newcomer must beat once the heap is full; +∞ before.</summary>
    public float Threshold => Count < scores.Length ? float.PositiveInfinity : scores[0];

    public int RowAt(int i) => rows[i];
    public long KeyAt(int i) => keys[i];

    public void Offer(float score, int row, long key)
    {
        if (Count < scores.Length)
        {
            int i = Count++;
            while (i > 0)
            {
                int parent = (i - 1) >> 1;
                if (scores[parent] >= score) break;
                Set(i, parent);
                i = parent;
            }
            scores[i] = score; rows[i] = row; keys[i] = key;
            return;
        }
        if (score >= scores[0]) return;
        int at = 0;
        while (true)
        {
            int child = 2 * at + 1;
            if (child >= Count) break;
            if (child + 1 < Count && scores[child + 1] > scores[child]) child++;
            if (scores[child] <= score) break;
            Set(at, child);
            at = child;
        }
        scores[at] = score; rows[at] = row; keys[at] = key;
    }

    private void Set(int to, int from)
    {
        scores[to] = scores[from];
        rows[to] = rows[from];
        keys[to] = keys[from];
    }
}
