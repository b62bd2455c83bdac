namespace Likeness.Vectors;

/// <summary>One search hit: the caller's key and its exact Euclidean distance to the query.</summary>
/// <param name="Key">The key given to <see cref="VectorIndex.Add"/>.</param>
/// <param name="Distance">Exact Euclidean distance, recomputed from the stored float vector.</param>
public readonly record struct VectorMatch(long Key, float Distance);
