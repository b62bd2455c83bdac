namespace Likeness.Vision.Faces.Embedding;

/// <summary>Compares two embeddings of the same model: higher means more alike.</summary>
public static class FaceSimilarity
{
    /// <summary>
    /// Cosine similarity for cosine models, 1 / (1 + Euclidean distance) for Euclidean ones. Throws if
    /// the embeddings come from different models or have different dimensions.
    /// </summary>
    public static double Compare(FaceEmbedding a, FaceEmbedding b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!string.Equals(a.ModelId, b.ModelId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Embeddings of different models cannot be compared: {a.ModelId} vs {b.ModelId}.");
        }
        if (a.Dimension != b.Dimension || a.Metric != b.Metric)
        {
            throw new ArgumentException($"Embeddings of {a.ModelId} disagree: {a.Dimension}-d {a.Metric} vs {b.Dimension}-d {b.Metric}.");
        }
        var x = a.Vector;
        var y = b.Vector;
        if (a.Metric == FaceSimilarityMetric.Cosine)
        {
            double dot = 0;
            for (var i = 0; i < x.Length; i++) dot += (double)x[i] * y[i];
            return dot;
        }
        double sum = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var d = (double)x[i] - y[i];
            sum += d * d;
        }
        return 1 / (1 + Math.Sqrt(sum));
    }
}
