namespace Likeness.Vision.Faces.Pose;

/// <summary>
/// Head rotation in degrees, as Rekognition's Pose: Roll (in-plane, positive when the face turns
/// clockwise in the image), Yaw (positive when the face turns towards the image's right), Pitch
/// (positive when the face tilts up). Each is within [-180, 180].
/// </summary>
public sealed record HeadPose(double Roll, double Yaw, double Pitch);
