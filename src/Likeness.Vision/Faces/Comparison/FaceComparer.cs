using Likeness.Imaging;
using Likeness.Vision.Faces.Analysis;
using Likeness.Vision.Faces.Embedding;
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

    private readonly FaceLocator _locator;
    private readonly IFaceEmbedder _embedder;

    /// <param name="locator">Finds the faces, as DetectFaces does, with the landmarks the embedder's crop is fitted to.</param>
    /// <param name="embedder">Makes the vectors; must be the model <paramref name="calibration"/> was fitted for.</param>
    /// <param name="calibration">Maps the embedder's raw score to Similarity.</param>
    public FaceComparer(FaceLocator locator, IFaceEmbedder embedder, SimilarityCalibration calibration)
    {
        ArgumentNullException.ThrowIfNull(locator);
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(calibration);
        if (!string.Equals(embedder.ModelId, calibration.ModelId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The calibration is for {calibration.ModelId} but the embedder is {embedder.ModelId}; their Similarity would mean nothing.", nameof(calibration));
        }
        _locator = locator;
        _embedder = embedder;
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

        // The locator returns faces largest first, so the first is CompareFaces' source face.
        var sourceFace = _locator.Locate(source).FirstOrDefault();
        if (sourceFace is null) return new FaceComparison(null, [], [], threshold, fmr, extrapolated);
        var sourceEmbedding = _embedder.Embed(source, sourceFace.Landmarks);

        var targets = _locator.Locate(target);
        var embeddings = _embedder.EmbedAll(target, targets.Select(f => f.Landmarks).ToList());
        var scored = targets
            .Select((f, i) => new TargetFaceComparison(
                ComparedFace.From(f.Detection, target.Width, target.Height),
                Calibration.Similarity(sourceEmbedding, embeddings[i])))
            .ToList();
        return new FaceComparison(
            ComparedFace.From(sourceFace.Detection, source.Width, source.Height),
            scored.Where(c => c.Similarity >= threshold).OrderByDescending(c => c.Similarity).ToList(),
            scored.Where(c => c.Similarity < threshold).ToList(),
            threshold, fmr, extrapolated);
    }
}
