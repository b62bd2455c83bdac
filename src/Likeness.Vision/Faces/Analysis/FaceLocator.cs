using Likeness.Imaging;
using Likeness.Models.Assets;
using Likeness.Vision.Faces.Detection;
using Likeness.Vision.Faces.Landmarks;
using Likeness.Vision.Onnx;

namespace Likeness.Vision.Faces.Analysis;

/// <summary>
/// Finds faces the same way for every operation (DetectFaces, CompareFaces, and later IndexFaces):
/// detector boxes above a confidence, each confirmed by the 68-point landmark net agreeing with its
/// box, largest first (by box area), at most <see cref="MaxFaces"/>. Thread-safe.
/// </summary>
public sealed class FaceLocator
{
    /// <summary>Rekognition returns at most 100 faces per image.</summary>
    public const int MaxFaces = 100;

    /// <summary>
    /// Detector confidence (0-1) kept by default: the default detector's threshold at 0.5 false positives
    /// per image on wider-dev (docs/DETECTION.md), the operating point, then thinned by the
    /// landmark check below.
    /// </summary>
    public const float DefaultMinConfidence = BlazeFacePyramidDetector.DefaultMinConfidence;

    /// <summary>
    /// Least overlap (IoU) between the detector's box and the box of the 68 landmarks for a face to be
    /// kept. On a real face the landmark net spreads its points over the box (IoU 0.62-0.84 on
    /// sample1's three faces); on a false detection they collapse into a small cluster (0.03 on the
    /// default detector's dark-background box there). Its effect on WIDER recall is not measured yet.
    /// </summary>
    public const double MinLandmarkOverlap = 0.25;

    private readonly IFaceDetector _detector;
    private readonly float _minConfidence;
    private readonly FaceApiLandmarkDetector _landmarks;

    public FaceLocator(IFaceDetector detector, FaceApiLandmarkDetector landmarks, float minConfidence = DefaultMinConfidence)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(landmarks);
        _detector = detector;
        _landmarks = landmarks;
        _minConfidence = minConfidence;
    }

    /// <summary>
    /// The default locator (docs/DETECTION.md): BlazeFace on the whole image and at the pyramid's scales at
    /// <see cref="DefaultMinConfidence"/>, confirmed by face-api's 68-point landmark net; sessions come from <paramref name="open"/> (model name → session),
    /// the detector's own kernel's weights from <paramref name="assets"/> (<see cref="BlazeFacePyramidDetector.OpenDefault"/>).
    /// </summary>
    /// <param name="detectorScales">The pyramid's finer passes; null for <see cref="BlazeFacePyramidDetector.DefaultScales"/>.
    /// More passes find more small faces for more time (docs/DETECTION.md), at the confidence measured for them
    /// (<see cref="BlazeFacePyramidDetector.MinConfidenceFor"/>).</param>
    public static FaceLocator Default(Func<string, OnnxSession> open, InstalledAssets assets, IReadOnlyList<float>? detectorScales = null)
    {
        ArgumentNullException.ThrowIfNull(open);
        var scales = detectorScales ?? BlazeFacePyramidDetector.DefaultScales;
        return new FaceLocator(
            BlazeFacePyramidDetector.OpenDefault(open, assets, scales),
            new FaceApiLandmarkDetector(open("faceapi-landmark68")),
            BlazeFacePyramidDetector.MinConfidenceFor(scales));
    }

    /// <summary>The faces in the image, largest first; the image is only read.</summary>
    public IReadOnlyList<LocatedFace> Locate(DecodedImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var located = new List<LocatedFace>();
        foreach (var face in _detector.Detect(image, _minConfidence).OrderByDescending(f => f.Width * f.Height))
        {
            // BlazeFace's first two keypoints are the eyes, image-left first: turning the crop upright by
            // them helps the landmark net, which was trained on upright faces. SSD gives no keypoints.
            var roll = face.Keypoints.Count >= 2
                ? Math.Atan2(face.Keypoints[1].Y - face.Keypoints[0].Y, face.Keypoints[1].X - face.Keypoints[0].X)
                : 0;
            var points = _landmarks.Refine(image, _landmarks.Detect(image, face.Left, face.Top, face.Width, face.Height, roll));
            if (LandmarkOverlap(face, points) < MinLandmarkOverlap && roll != 0)
            {
                // The detector's eye keypoints can be far off on a turned head (24° on an upright face in
                // face-api's sample2.jpg), and a crop turned by them loses the landmark net: try it upright.
                points = _landmarks.Refine(image, _landmarks.Detect(image, face.Left, face.Top, face.Width, face.Height, 0));
            }
            if (LandmarkOverlap(face, points) < MinLandmarkOverlap) continue;
            located.Add(new LocatedFace(face, points));
            if (located.Count == MaxFaces) break;
        }
        return located;
    }

    /// <summary>Intersection over union of the detector's box and the landmarks' bounding box.</summary>
    internal static double LandmarkOverlap(DetectedFace face, FaceLandmarks68 landmarks)
    {
        var (left, top, right, bottom) = landmarks.Bounds();
        var width = Math.Max(0, Math.Min(right, face.Left + face.Width) - Math.Max(left, face.Left));
        var height = Math.Max(0, Math.Min(bottom, face.Top + face.Height) - Math.Max(top, face.Top));
        var intersection = width * height;
        var union = (right - left) * (bottom - top) + face.Width * face.Height - intersection;
        return union > 0 ? intersection / union : 0;
    }
}
