namespace Likeness.Vision.Faces.Analysis;

/// <summary>Which attributes to compute, as Rekognition's DetectFaces Attributes parameter: DEFAULT or ALL.</summary>
public enum FaceAnalysisAttributes
{
    /// <summary>BoundingBox, Confidence, Landmarks, Pose, Quality.</summary>
    Default,

    /// <summary>Default plus every attribute Likeness can estimate (docs/ATTRIBUTES.md).</summary>
    All,
}
