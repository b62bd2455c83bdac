using Likeness.Vision.Faces.Attributes;
using Likeness.Vision.Faces.Landmarks;
using Likeness.Vision.Faces.Pose;
using Likeness.Vision.Faces.Quality;

namespace Likeness.Vision.Faces.Analysis;

/// <summary>
/// One face as Rekognition's FaceDetail describes it. <see cref="Attributes"/> is null unless
/// ALL was asked for; <see cref="Points"/> keeps the 68 landmarks in source pixels for callers that
/// need more than Rekognition's subset (drawing, alignment).
/// </summary>
public sealed record FaceDetail(
    FaceBoundingBox BoundingBox,
    double Confidence,
    IReadOnlyList<FaceLandmark> Landmarks,
    HeadPose Pose,
    FaceQuality Quality,
    FaceAttributes? Attributes,
    FaceLandmarks68 Points);
