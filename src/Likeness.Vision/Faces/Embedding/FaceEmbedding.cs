namespace Likeness.Vision.Faces.Embedding;

/// <summary>
/// A face's feature vector with the model that made it: vectors of different models (or of one
/// model fed differently) are not comparable, so the id travels with the numbers.
/// </summary>
public sealed class FaceEmbedding
{
    private readonly float[] _vector;

    /// <summary>Wraps a copy of <paramref name="vector"/>; for <see cref="FaceSimilarityMetric.Cosine"/> it must already be L2-normalised.</summary>
    public FaceEmbedding(string modelId, ReadOnlySpan<float> vector, FaceSimilarityMetric metric)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        if (vector.IsEmpty) throw new ArgumentException("An embedding needs at least one value.", nameof(vector));
        ModelId = modelId;
        _vector = vector.ToArray();
        Metric = metric;
    }

    /// <summary>The embedder that made this vector, e.g. `mobilefacenet/5pt`.</summary>
    public string ModelId { get; }

    /// <summary>The number of values.</summary>
    public int Dimension => _vector.Length;

    /// <summary>How this model's vectors are compared.</summary>
    public FaceSimilarityMetric Metric { get; }

    /// <summary>The values (read-only view of the embedding's own copy).</summary>
    public ReadOnlySpan<float> Vector => _vector;

    /// <summary>The vector divided by its Euclidean norm (a zero vector stays zero).</summary>
    public static float[] Normalize(ReadOnlySpan<float> vector)
    {
        double sum = 0;
        foreach (var v in vector) sum += (double)v * v;
        var result = vector.ToArray();
        if (sum == 0) return result;
        var inverse = (float)(1 / Math.Sqrt(sum));
        for (var i = 0; i < result.Length; i++) result[i] *= inverse;
        return result;
    }
}
