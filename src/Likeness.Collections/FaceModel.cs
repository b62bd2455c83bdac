using Likeness.Vision.Faces.Embedding;
using Likeness.Vision.Faces.Similarity;

namespace Likeness.Collections;

/// <summary>
/// The face model a collection is bound to: Rekognition's FaceModelVersion, the embedder behind it, how
/// its vectors compare and the calibration that turns their distance into Similarity. A collection keeps
/// the version it was created with; vectors of another model are never mixed into it.
/// </summary>
public sealed record FaceModel(string Version, string EmbedderModelId, FaceSimilarityMetric Metric, SimilarityCalibration Calibration)
{
    /// <summary>
    /// Version 2.0: face-api's dlib ResNet quantised to 8 bits, on dlib's chip, mirror-averaged (docs/ACCURACY.md), with its
    /// shipped calibration. Version 1.0 was the same network in float; a 1.0 collection is re-indexed to be searched
    /// (docs/COLLECTIONS.md), since the two models' vectors are not comparable.
    /// </summary>
    public static FaceModel Default { get; } = new("2.0", FaceEmbedderSpec.Default.ModelId, FaceEmbedderSpec.Default.Metric, SimilarityCalibration.Default);

    /// <summary>The raw score (as <see cref="FaceSimilarity.Compare"/> gives it) of two vectors at Euclidean <paramref name="distance"/>.</summary>
    public double RawScore(double distance) => Metric == FaceSimilarityMetric.Cosine
        ? 1 - distance * distance / 2 // unit vectors: |a-b|² = 2 - 2 cos
        : 1 / (1 + distance);

    /// <summary>Similarity 0-100 of two vectors at Euclidean <paramref name="distance"/>.</summary>
    public double Similarity(double distance) => Calibration.Similarity(RawScore(distance));
}
