using Likeness.Vision.Faces.Embedding;

namespace Likeness.Evaluation.Calibration;

/// <summary>The scored pairs a calibration is fitted on, with what was left out and why.</summary>
/// <param name="Impostors">Every impostor pair's raw score, sorted ascending (UTKFace cross pairs and LFW non-mated pairs).</param>
/// <param name="Genuine">Every LFW mated pair's raw score, sorted ascending.</param>
/// <param name="UtkFaceImages">The UTKFace images, in the order of <paramref name="UtkFaceEmbeddings"/>.</param>
/// <param name="UtkFaceEmbeddings">Each UTKFace image's embedding, or null where no face was found.</param>
/// <param name="UtkFaceImpostorPairs">UTKFace cross pairs scored (both faces found).</param>
/// <param name="UtkFaceDuplicatePairs">UTKFace pairs left out because both files hold the same picture (identical embeddings): one photo filed twice, not two people.</param>
/// <param name="LfwImpostors">The LFW non-mated pairs' raw scores alone, sorted ascending.</param>
/// <param name="LfwImpostorPairs">LFW non-mated pairs scored.</param>
/// <param name="ImagesWithoutFace">Images (both sets) where no face was found; their pairs are left out.</param>
public sealed record CalibrationScores(
    double[] Impostors,
    double[] Genuine,
    IReadOnlyList<UtkFaceImage> UtkFaceImages,
    IReadOnlyList<FaceEmbedding?> UtkFaceEmbeddings,
    long UtkFaceImpostorPairs,
    long UtkFaceDuplicatePairs,
    double[] LfwImpostors,
    long LfwImpostorPairs,
    int ImagesWithoutFace);
