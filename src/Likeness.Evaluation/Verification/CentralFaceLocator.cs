using Likeness.Imaging;
using Likeness.Vision.Faces.Detection;
using Likeness.Vision.Faces.Landmarks;

namespace Likeness.Evaluation.Verification;

/// <summary>
/// Finds the face a verification pair is about: LFW images are centred on the labelled person, so of
/// the faces BlazeFace finds, the one whose centre is nearest the image centre; then its 68 landmarks.
/// </summary>
public sealed class CentralFaceLocator(BlazeFaceDetector detector, FaceApiLandmarkDetector landmarks, float minConfidence = 0.5f)
{
    /// <summary>
    /// The central face's landmarks, or null when no face is found. The landmark net runs twice: first
    /// on BlazeFace's box turned upright by its eye keypoints, then on the landmarks' own upright box
    /// (<see cref="FaceApiLandmarkDetector.Refine"/>).
    /// </summary>
    public FaceLandmarks68? Locate(DecodedImage image)
    {
        var faces = detector.Detect(image, minConfidence);
        if (faces.Count == 0) return null;
        var cx = image.Width / 2.0;
        var cy = image.Height / 2.0;
        var face = faces.MinBy(f => Math.Pow(f.Left + f.Width / 2 - cx, 2) + Math.Pow(f.Top + f.Height / 2 - cy, 2))!;
        // BlazeFace's first two keypoints are the eyes, image-left first.
        var roll = Math.Atan2(face.Keypoints[1].Y - face.Keypoints[0].Y, face.Keypoints[1].X - face.Keypoints[0].X);
        var first = landmarks.Detect(image, face.Left, face.Top, face.Width, face.Height, roll);
        return landmarks.Refine(image, first);
    }
}
