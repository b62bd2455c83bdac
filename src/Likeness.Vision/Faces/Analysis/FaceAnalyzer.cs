using Likeness.Imaging;
using Likeness.Models.Assets;
using Likeness.Vision.Faces.Attributes;
using Likeness.Vision.Faces.Pose;
using Likeness.Vision.Faces.Quality;
using Likeness.Vision.Onnx;

namespace Likeness.Vision.Faces.Analysis;

/// <summary>
/// DetectFaces' pipeline: the faces <see cref="FaceLocator"/> finds → pose and quality → (with ALL)
/// attributes, one <see cref="FaceDetail"/> per face, largest first. Thread-safe: it keeps no
/// per-call state, and ONNX Runtime sessions run concurrently.
/// </summary>
public sealed class FaceAnalyzer : IDisposable
{
    private readonly FaceLocator _locator;
    private readonly FaceAttributeEstimator? _attributes;
    private readonly IReadOnlyList<IDisposable> _owned;

    /// <summary>A pipeline over the given parts; <paramref name="attributes"/> may be null, and then ALL gives the default fields only.</summary>
    public FaceAnalyzer(FaceLocator locator, FaceAttributeEstimator? attributes)
        : this(locator, attributes, [])
    {
    }

    private FaceAnalyzer(FaceLocator locator, FaceAttributeEstimator? attributes, IReadOnlyList<IDisposable> owned)
    {
        ArgumentNullException.ThrowIfNull(locator);
        _locator = locator;
        _attributes = attributes;
        _owned = owned;
    }

    /// <summary>
    /// The default pipeline from installed models: the BlazeFace pyramid (docs/DETECTION.md) at
    /// <see cref="FaceLocator.DefaultMinConfidence"/>, face-api's landmark net, face-api's age-gender and
    /// expression nets. The analyzer owns and disposes the sessions; <paramref name="runtime"/> stays the caller's.
    /// </summary>
    /// <param name="detectorScales">See <see cref="FaceLocator.Default"/>; null for the default.</param>
    public static FaceAnalyzer OpenDefault(OnnxRuntime runtime, InstalledAssets assets, IReadOnlyList<float>? detectorScales = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(assets);
        var sessions = new OnnxSessionSet(runtime, assets);
        try
        {
            var locator = FaceLocator.Default(sessions.Open, assets, detectorScales);
            var attributes = new FaceAttributeEstimator(sessions.Open("faceapi-age-gender"), sessions.Open("faceapi-expression"));
            return new FaceAnalyzer(locator, attributes, [sessions]);
        }
        catch
        {
            sessions.Dispose();
            throw;
        }
    }

    /// <summary>Every face <see cref="FaceLocator"/> finds, largest first, at most 100; the image is only read.</summary>
    public IReadOnlyList<FaceDetail> Analyze(DecodedImage image, FaceAnalysisAttributes attributes = FaceAnalysisAttributes.Default)
    {
        ArgumentNullException.ThrowIfNull(image);
        return _locator.Locate(image).Select(face => Describe(image, face, attributes)).ToList();
    }

    /// <summary>Disposes the sessions <see cref="OpenDefault"/> opened; a pipeline built from parts owns nothing.</summary>
    public void Dispose()
    {
        foreach (var owned in _owned) owned.Dispose();
    }

    private FaceDetail Describe(DecodedImage image, LocatedFace located, FaceAnalysisAttributes attributes)
    {
        var (face, points) = (located.Detection, located.Landmarks);
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
}
