using Likeness.Imaging;

namespace Likeness.Vision.Faces.Detection;

/// <summary>
/// A face detector over a whole image: BlazeFace at 256 px, the BlazeFace pyramid (the default), face-api's
/// SSD, and <see cref="TiledFaceDetector"/> over any of them, which is why this is an interface.
/// </summary>
public interface IFaceDetector
{
    /// <summary>
    /// Faces with confidence (0-1) at least <paramref name="minConfidence"/>, in source-image pixels,
    /// after non-maximum suppression, at most 100, most confident first. Rekognition lists faces largest
    /// first; that ordering belongs to the API layer, which also shows confidence as 0-100.
    /// </summary>
    IReadOnlyList<DetectedFace> Detect(DecodedImage image, float minConfidence = 0.5f);
}
