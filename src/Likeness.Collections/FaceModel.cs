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
    /// <summary>Version 1.0: face-api's dlib ResNet on dlib's chip, mirror-averaged (docs/ACCURACY.md), with its shipped calibration.</summary>
    public static FaceModel Default { get; } = new("1.0", FaceEmbedderSpec.Default.ModelId, FaceEmbedderSpec.Default.Metric, SimilarityCalibration.Default);

    /// <summary>The raw score (as <see cref="FaceSimilarity.Compare"/> gives it) of two vectors at Euclidean <paramref name="distance"/>.</summary>
    public double RawScore(double distance) => Metric == FaceSimilarityMetric.Cosine
        ? 1 - distance * distance / 2 // unit vectors: |a-b|² = 2 - 2 cos
        : 1 / (1 + distance);

    /// <summary>Similarity 0-100 of two vectors at Euclidean <paramref name="distance"/>.</summary>
    public double Similarity(double distance) => Calibration.Similarity(RawScore(distance));
}
