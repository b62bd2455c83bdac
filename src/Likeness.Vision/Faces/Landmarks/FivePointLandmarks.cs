namespace Likeness.Vision.Faces.Landmarks;

/// <summary>
/// The five points face alignment uses, in source pixels (continuous coordinates). Left and right are
/// as seen in the image: <see cref="LeftEye"/> is the eye nearer x = 0 (the subject's right eye).
/// </summary>
public sealed record FivePointLandmarks(
    (double X, double Y) LeftEye,
    (double X, double Y) RightEye,
    (double X, double Y) Nose,
    (double X, double Y) MouthLeft,
    (double X, double Y) MouthRight)
{
    /// <summary>The points in InsightFace's order: left eye, right eye, nose tip, left and right mouth corners.</summary>
    public IReadOnlyList<(double X, double Y)> Points => [LeftEye, RightEye, Nose, MouthLeft, MouthRight];
}
