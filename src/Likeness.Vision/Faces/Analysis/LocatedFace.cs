using Likeness.Vision.Faces.Detection;
using Likeness.Vision.Faces.Landmarks;

namespace Likeness.Vision.Faces.Analysis;

/// <summary>A detected face confirmed by its 68 landmarks, in source-image pixels.</summary>
public sealed record LocatedFace(DetectedFace Detection, FaceLandmarks68 Landmarks);
