namespace Likeness.Vision.Faces.Detection;

/// <summary>A face box in source-image pixels, with the detector's confidence (0-1) and its keypoints.</summary>
public sealed record DetectedFace(float Left, float Top, float Width, float Height, float Confidence, IReadOnlyList<(float X, float Y)> Keypoints);
