namespace Likeness.Vision.Faces.Embedding;

/// <summary>How two embeddings of one model are compared.</summary>
public enum FaceSimilarityMetric
{
    /// <summary>Cosine similarity of L2-normalised vectors (their dot product), -1 to 1.</summary>
    Cosine,

    /// <summary>Euclidean distance d of raw vectors, reported as the similarity 1 / (1 + d), 0 to 1 (face-api's net: same person when d &lt; 0.6).</summary>
    Euclidean,
}
