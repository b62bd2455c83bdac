namespace Likeness.Vision.Faces.Comparison;

/// <summary>
/// The answer to CompareFaces: the source image's largest face against every face of the target,
/// split at the threshold. No face in the source is an answer too (<see cref="SourceImageFace"/> null).
/// </summary>
/// <param name="SourceImageFace">The largest face of the source image, or null when it has none.</param>
/// <param name="FaceMatches">Target faces at or above <paramref name="Threshold"/>, most similar first.</param>
/// <param name="UnmatchedFaces">Target faces below it, largest first.</param>
/// <param name="Threshold">The Similarity threshold applied, 0-100.</param>
/// <param name="EstimatedFalseMatchRate">The calibrated FMR at <paramref name="Threshold"/>: the chance that one face of someone else reaches it.</param>
/// <param name="FalseMatchRateExtrapolated">Whether that rate comes from the calibration's tail model rather than counted impostors.</param>
public sealed record FaceComparison(
    ComparedFace? SourceImageFace,
    IReadOnlyList<TargetFaceComparison> FaceMatches,
    IReadOnlyList<TargetFaceComparison> UnmatchedFaces,
    double Threshold,
    double EstimatedFalseMatchRate,
    bool FalseMatchRateExtrapolated);
