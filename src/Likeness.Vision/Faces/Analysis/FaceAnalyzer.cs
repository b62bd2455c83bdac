using Likeness.Imaging;
using Likeness.Models.Assets;
using Likeness.Vision.Faces.Attributes;
using Likeness.Vision.Faces.Detection;
using Likeness.Vision.Faces.Landmarks;
using Likeness.Vision.Faces.Pose;
using Likeness.Vision.Faces.Quality;
using Likeness.Vision.Onnx;

namespace Likeness.Vision.Faces.Analysis;

/// <summary>
/// DetectFaces' pipeline: detect → 68 landmarks → pose and quality → (with ALL) attributes, giving one
/// <see cref="FaceDetail"/> per face, largest first, at most <see cref="MaxFaces"/>. Thread-safe: it
/// keeps no per-call state, and ONNX Runtime sessions run concurrently.
/// </summary>
public sealed class FaceAnalyzer : IDisposable
{
    /// <summary>Rekognition's DetectFaces returns at most 100 faces.</summary>
    public const int MaxFaces = 100;

    /// <summary>
    /// Detector confidence (0-1) the default pipeline keeps: the tiled BlazeFace's threshold at 0.1
    /// false positives per image on wider-dev (docs/DETECTION.md), not its 0.5-FPPI default 0.69. Each
    /// face here gets landmarks and attributes and may be indexed, so a false face costs more than in a
    /// recall benchmark; the price is recall of faces ≥ 40 px, 76.3% → 67.1%.
    /// </summary>
    public const float DefaultMinConfidence = 0.776f;

    /// <summary>
    /// Least overlap (IoU) between the detector's box and the box of the 68 landmarks for a face to be
    /// kept. On a real face the landmark net spreads its points over the box (IoU 0.62-0.84 on
    /// sample1's three faces); on a false detection they collapse into a small cluster (0.03-0.05 on
    /// the two tiled BlazeFace false positives there). A second opinion that costs nothing extra.
    /// </summary>
    public const double MinLandmarkOverlap = 0.25;

    private readonly IFaceDetector _detector;
    private readonly float _minConfidence;
    private readonly FaceApiLandmarkDetector _landmarks;
    private readonly FaceAttributeEstimator? _attributes;
    private readonly IReadOnlyList<IDisposable> _owned;

    /// <summary>A pipeline over the given parts; <paramref name="attributes"/> may be null, and then ALL gives the default fields only.</summary>
    public FaceAnalyzer(IFaceDetector detector, float minConfidence, FaceApiLandmarkDetector landmarks, FaceAttributeEstimator? attributes)
        : this(detector, minConfidence, landmarks, attributes, [])
    {
    }

    private FaceAnalyzer(IFaceDetector detector, float minConfidence, FaceApiLandmarkDetector landmarks, FaceAttributeEstimator? attributes, IReadOnlyList<IDisposable> owned)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(landmarks);
        _detector = detector;
        _minConfidence = minConfidence;
        _landmarks = landmarks;
        _attributes = attributes;
        _owned = owned;
    }

    /// <summary>
    /// The default pipeline from installed models: BlazeFace with 512 and 256 px tiles
    /// (docs/DETECTION.md) at <see cref="DefaultMinConfidence"/>, face-api's landmark net, face-api's age-gender and expression
    /// nets. The analyzer owns and disposes the sessions; <paramref name="runtime"/> stays the caller's.
    /// </summary>
    public static FaceAnalyzer OpenDefault(OnnxRuntime runtime, InstalledAssets assets)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(assets);
        var sessions = new List<OnnxSession>();
        try
        {
            OnnxSession Open(string model)
            {
                var session = runtime.OpenSession(assets.Model(model));
                sessions.Add(session);
                return session;
            }
            var detector = new TiledFaceDetector(new BlazeFaceDetector(Open("blazeface")), TiledFaceDetector.DefaultTileSizes);
            var landmarks = new FaceApiLandmarkDetector(Open("faceapi-landmark68"));
            var attributes = new FaceAttributeEstimator(Open("faceapi-age-gender"), Open("faceapi-expression"));
            return new FaceAnalyzer(detector, DefaultMinConfidence, landmarks, attributes, sessions);
        }
        catch
        {
            foreach (var session in sessions) session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Every face found whose landmarks agree with its box (<see cref="MinLandmarkOverlap"/>), largest
    /// first (by box area), at most 100; the image is only read.
    /// </summary>
    public IReadOnlyList<FaceDetail> Analyze(DecodedImage image, FaceAnalysisAttributes attributes = FaceAnalysisAttributes.Default)
    {
        ArgumentNullException.ThrowIfNull(image);
        var faces = _detector.Detect(image, _minConfidence).OrderByDescending(f => f.Width * f.Height);
        var details = new List<FaceDetail>();
        foreach (var face in faces)
        {
            if (AnalyzeFace(image, face, attributes) is { } detail) details.Add(detail);
            if (details.Count == MaxFaces) break;
        }
        return details;
    }

    /// <summary>Disposes the sessions <see cref="OpenDefault"/> opened; a pipeline built from parts owns nothing.</summary>
    public void Dispose()
    {
        foreach (var owned in _owned) owned.Dispose();
    }

    private FaceDetail? AnalyzeFace(DecodedImage image, DetectedFace face, FaceAnalysisAttributes attributes)
    {
        // BlazeFace's first two keypoints are the eyes, image-left first: turning the crop upright by
        // them helps the landmark net, which was trained on upright faces. SSD gives no keypoints.
        var roll = face.Keypoints.Count >= 2
            ? Math.Atan2(face.Keypoints[1].Y - face.Keypoints[0].Y, face.Keypoints[1].X - face.Keypoints[0].X)
            : 0;
        var first = _landmarks.Detect(image, face.Left, face.Top, face.Width, face.Height, roll);
        var points = _landmarks.Refine(image, first);
        if (LandmarkOverlap(face, points) < MinLandmarkOverlap) return null;

        var box = new FaceBoundingBox(face.Left / image.Width, face.Top / image.Height, face.Width / image.Width, face.Height / image.Height);
        var quality = FaceQualityEstimator.Estimate(image, face.Left, face.Top, face.Width, face.Height);
        var faceAttributes = attributes == FaceAnalysisAttributes.All ? _attributes?.Estimate(image, points) : null;
        return new FaceDetail(
            box,
            Math.Clamp(face.Confidence * 100.0, 0, 100),
            RekognitionLandmarks.From(points, image.Width, image.Height),
            HeadPoseEstimator.Estimate(points),
            quality,
            faceAttributes,
            points);
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
