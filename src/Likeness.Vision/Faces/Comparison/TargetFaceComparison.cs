namespace Likeness.Vision.Faces.Comparison;

/// <summary>One face of the target image and how alike it is to the source face.</summary>
/// <param name="Face">The target face.</param>
/// <param name="Similarity">Calibrated Similarity to the source face, 0-100 (docs/THRESHOLDS.md).</param>
public sealed record TargetFaceComparison(ComparedFace Face, double Similarity);
