using Likeness.Vision.Faces.Alignment;
using Likeness.Vision.Faces.Landmarks;

namespace Likeness.Vision.Faces.Pose;

/// <summary>
/// Roll, yaw and pitch from the 68 landmarks by plane geometry alone: no 3D model fit (solvePnP), so
/// no camera intrinsics are needed, at the price of yaw and pitch being approximate (see docs/ATTRIBUTES.md).
/// </summary>
/// <remarks>
/// Roll is the angle of the line between the eye centres. Yaw and pitch are read in the roll-corrected
/// frame from where the nose tip (point 30) sits: a head is modelled as a cylinder whose silhouette is
/// the jaw contour's ends (points 0 and 16) and whose nose tip stands <see cref="NoseProtrusion"/> of
/// the half-width in front of it, so a yaw θ moves the nose off the jaw's midpoint by
/// (1 + protrusion)·tan θ half-widths. Pitch likewise: the nose tip's height between the eye line and
/// the mouth line moves from its frontal value (dlib's mean face) by protrusion·tan φ.
/// </remarks>
public static class HeadPoseEstimator
{
    /// <summary>Nose-tip depth in front of the jaw silhouette, as a fraction of half the face width (anthropometric rough value).</summary>
    public const double NoseProtrusion = 0.5;

    /// <summary>Nose-tip depth in front of the eye and mouth corners, as a fraction of the eye-to-mouth distance (anthropometric rough value).</summary>
    public const double NoseDepthToEyeMouth = 0.45;

    // Where the nose tip sits between the eye line (0) and the mouth-corner line (1) on a frontal face:
    // dlib's mean face, the shape its face chips were normalised to.
    private static readonly double FrontalNoseHeight = ComputeFrontalNoseHeight();

    /// <summary>The head pose of one face; the landmarks are only read.</summary>
    public static HeadPose Estimate(FaceLandmarks68 landmarks)
    {
        ArgumentNullException.ThrowIfNull(landmarks);
        var five = landmarks.ToFivePoint();
        var roll = Math.Atan2(five.RightEye.Y - five.LeftEye.Y, five.RightEye.X - five.LeftEye.X);

        // Into the face's upright frame, so yaw and pitch do not mix with roll.
        var upright = SimilarityTransform.Create(1, -roll, 0, 0);
        var p = landmarks.Points;
        var jawLeft = upright.Apply(p[0].X, p[0].Y);
        var jawRight = upright.Apply(p[16].X, p[16].Y);
        var nose = upright.Apply(p[30].X, p[30].Y);
        var eyeLeft = upright.Apply(five.LeftEye.X, five.LeftEye.Y);
        var eyeRight = upright.Apply(five.RightEye.X, five.RightEye.Y);
        var mouthLeft = upright.Apply(five.MouthLeft.X, five.MouthLeft.Y);
        var mouthRight = upright.Apply(five.MouthRight.X, five.MouthRight.Y);

        var yaw = 0.0;
        var halfWidth = (jawRight.X - jawLeft.X) / 2;
        if (halfWidth > 0)
        {
            var offset = (nose.X - (jawLeft.X + jawRight.X) / 2) / halfWidth;
            yaw = Math.Atan(offset / (1 + NoseProtrusion));
        }

        var pitch = 0.0;
        var eyeY = (eyeLeft.Y + eyeRight.Y) / 2;
        var mouthY = (mouthLeft.Y + mouthRight.Y) / 2;
        if (mouthY - eyeY > 0)
        {
            // Chin up brings the nose tip towards the eyes (smaller height), so pitch is positive then.
            var height = (nose.Y - eyeY) / (mouthY - eyeY);
            pitch = Math.Atan((FrontalNoseHeight - height) / NoseDepthToEyeMouth);
        }
        return new HeadPose(ToDegrees(roll), ToDegrees(yaw), ToDegrees(pitch));
    }

    private static double ToDegrees(double radians) => radians * 180 / Math.PI;

    private static double ComputeFrontalNoseHeight()
    {
        // DlibMeanFace holds points 17-67; eyes are 36-47, the nose tip 30, the mouth corners 48 and 54.
        double Y(int point) => DlibMeanFace.Y[point - DlibMeanFace.FirstPoint];
        var eyeY = Enumerable.Range(36, 12).Average(Y);
        var mouthY = (Y(48) + Y(54)) / 2;
        return (Y(30) - eyeY) / (mouthY - eyeY);
    }
}
