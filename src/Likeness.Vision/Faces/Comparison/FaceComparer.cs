using Likeness.Imaging;
using Likeness.Vision.Faces.Detection;
using Likeness.Vision.Faces.Embedding;
using Likeness.Vision.Faces.Landmarks;
using Likeness.Vision.Faces.Similarity;

namespace Likeness.Vision.Faces.Comparison;

/// <summary>
/// Rekognition's CompareFaces: the largest face of the source image against every face of the target,
/// each scored with the calibrated Similarity and split at a threshold (default 80, Rekognition's).
/// </summary>
/// <remarks>
/// Thread-safe: the detector, landmark net and embedder only read their sessions (ONNX Runtime's Run
/// is thread-safe) and every buffer is allocated per call, so one comparer serves concurrent requests.
/// </remarks>
public sealed class FaceComparer
{
    /// <summary>Rekognition's default SimilarityThreshold for CompareFaces.</summary>
    public const double DefaultThreshold = 80;

    private readonly IFaceDetector _detector;
    private readonly FaceApiLandmarkDetector _landmarks;
    private readonly IFaceEmbedder _embedder;
    private readonly float _minConfidence;

    /// <param name="detector">Finds the faces (the measured default is <see cref="TiledFaceDetector"/> over BlazeFace).</param>
    /// <param name="landmarks">Places the 68 points the embedder's crop is fitted to.</param>
    /// <param name="embedder">Makes the vectors; must be the model <paramref name="calibration"/> was fitted for.</param>
    /// <param name="calibration">Maps the embedder's raw score to Similarity.</param>
    /// <param name="minConfidence">Detector confidence (0-1) below which a box is not a face.</param>
    public FaceComparer(IFaceDetector detector, FaceApiLandmarkDetector landmarks, IFaceEmbedder embedder, SimilarityCalibration calibration,
        float minConfidence = TiledFaceDetector.DefaultMinConfidence)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(landmarks);
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(calibration);
        if (!string.Equals(embedder.ModelId, calibration.ModelId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The calibration is for {calibration.ModelId} but the embedder is {embedder.ModelId}; their Similarity would mean nothing.", nameof(calibration));
        }
        _detector = detector;
        _landmarks = landmarks;
        _embedder = embedder;
        _minConfidence = minConfidence;
        Calibration = calibration;
    }

    /// <summary>The calibration Similarity comes from.</summary>
    public SimilarityCalibration Calibration { get; }

    /// <summary>Compares the largest face of <paramref name="source"/> with every face of <paramref name="target"/>; neither image is modified.</summary>
    public FaceComparison Compare(DecodedImage source, DecodedImage target, double threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        if (!(threshold is >= 0 and <= 100)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The similarity threshold is 0-100.");
        var fmr = Calibration.EstimatedFalseMatchRate(threshold);
        var extrapolated = Calibration.IsExtrapolated(threshold);

        var sourceFace = _detector.Detect(source, _minConfidence).MaxBy(f => f.Width * f.Height);
        if (sourceFace is null) return new FaceComparison(null, [], [], threshold, fmr, extrapolated);
        var sourceEmbedding = Embed(source, sourceFace);

        var scored = _detector.Detect(target, _minConfidence)
            .OrderByDescending(f => f.Width * f.Height)
            .Select(f => new TargetFaceComparison(ComparedFace.From(f, target.Width, target.Height), Calibration.Similarity(sourceEmbedding, Embed(target, f))))
            .ToList();
        return new FaceComparison(
            ComparedFace.From(sourceFace, source.Width, source.Height),
            scored.Where(c => c.Similarity >= threshold).OrderByDescending(c => c.Similarity).ToList(),
            scored.Where(c => c.Similarity < threshold).ToList(),
            threshold, fmr, extrapolated);
    }

    /// <summary>The embedding of one detected face: landmarks on the box turned upright by the eye keypoints, refined once, then the embedder's crop.</summary>
    public FaceEmbedding Embed(DecodedImage image, DetectedFace face)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(face);
        // BlazeFace's first two keypoints are the eyes, image-left first; a detector without them gets no roll.
        var roll = face.Keypoints.Count >= 2 ? Math.Atan2(face.Keypoints[1].Y - face.Keypoints[0].Y, face.Keypoints[1].X - face.Keypoints[0].X) : 0;
        var first = _landmarks.Detect(image, face.Left, face.Top, face.Width, face.Height, roll);
        return _embedder.Embed(image, _landmarks.Refine(image, first));
    }
}
