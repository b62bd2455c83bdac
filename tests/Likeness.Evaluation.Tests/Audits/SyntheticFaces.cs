using Likeness.Vision.Faces.Embedding;
using Likeness.Vision.Faces.Similarity;

namespace Likeness.Evaluation.Tests.Audits;

/// <summary>
/// Faces placed by hand: a calibration where Similarity 80 is raw score 0.5 (Euclidean distance 1) and 99 is
/// raw 0.8 (distance 0.25), and embeddings at chosen points, so every audit count can be worked out on paper.
/// </summary>
internal static class SyntheticFaces
{
    public const string ModelId = "synthetic-model";

    public static SimilarityCalibration Calibration { get; } = new(new SimilarityCalibrationTable
    {
        ModelId = ModelId,
        RawScore = "1 / (1 + distance)",
        Mapping = "test",
        FittedOn = "nothing",
        Date = "2026-11-29",
        ImpostorPairs = 0,
        GenuinePairs = 0,
        TailModel = "",
        Points =
        [
            new SimilarityCalibrationPoint(0, 0, 1, 0, false),
            new SimilarityCalibrationPoint(80, 0.5, 1e-4, 0, false),
            new SimilarityCalibrationPoint(99, 0.8, 1e-6, 0, false),
            new SimilarityCalibrationPoint(100, 0.9, 1e-7, 0, true),
        ],
    });

    /// <summary>A 16-d embedding with the given coordinates (the rest 0).</summary>
    public static FaceEmbedding At(params float[] coordinates)
    {
        var vector = new float[16];
        coordinates.CopyTo(vector, 0);
        return new FaceEmbedding(ModelId, vector, FaceSimilarityMetric.Euclidean);
    }
}
