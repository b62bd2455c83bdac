using Likeness.Vision.Faces.Detection;

namespace Likeness.Vision.Faces.Comparison;

/// <summary>A face found in a compared image, boxed as Rekognition's ComparedFace is.</summary>
/// <param name="Detection">The detector's box in source-image pixels.</param>
/// <param name="Left">Box left edge as a fraction of the image width.</param>
/// <param name="Top">Box top edge as a fraction of the image height.</param>
/// <param name="Width">Box width as a fraction of the image width.</param>
/// <param name="Height">Box height as a fraction of the image height.</param>
/// <param name="Confidence">The detector's confidence that this is a face, 0-100.</param>
public sealed record ComparedFace(DetectedFace Detection, double Left, double Top, double Width, double Height, double Confidence)
{
    /// <summary>The face in an image of <paramref name="imageWidth"/> x <paramref name="imageHeight"/> pixels, its box as ratios and confidence as a percentage.</summary>
    public static ComparedFace From(DetectedFace face, int imageWidth, int imageHeight)
    {
        ArgumentNullException.ThrowIfNull(face);
        return new ComparedFace(face, face.Left / imageWidth, face.Top / imageHeight, face.Width / imageWidth, face.Height / imageHeight, 100.0 * face.Confidence);
    }
}
