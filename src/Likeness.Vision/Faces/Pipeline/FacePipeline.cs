using Likeness.Imaging;
using Likeness.Models.Assets;
using Likeness.Vision.Faces.Analysis;
using Likeness.Vision.Faces.Attributes;
using Likeness.Vision.Faces.Comparison;
using Likeness.Vision.Faces.Embedding;
using Likeness.Vision.Faces.Similarity;
using Likeness.Vision.Onnx;

namespace Likeness.Vision.Faces.Pipeline;

/// <summary>
/// Every face operation over one set of models: Detect (DetectFaces), Compare (CompareFaces) and
/// Embed (what IndexFaces and the searches need). One locator serves all three, so a face is found the
/// same way whichever operation asks. Thread-safe: the parts keep no per-call state and ONNX Runtime
/// sessions run concurrently, so one pipeline serves a whole server.
/// </summary>
public sealed class FacePipeline : IDisposable
{
    private readonly FaceAnalyzer _analyzer;
    private readonly FaceComparer _comparer;
    private readonly IFaceEmbedder _embedder;
    private readonly IReadOnlyList<IDisposable> _owned;

    /// <summary>A pipeline over the given parts; it owns nothing.</summary>
    public FacePipeline(FaceLocator locator, FaceAttributeEstimator? attributes, IFaceEmbedder embedder, SimilarityCalibration calibration)
        : this(locator, attributes, embedder, calibration, [])
    {
    }

    private FacePipeline(FaceLocator locator, FaceAttributeEstimator? attributes, IFaceEmbedder embedder, SimilarityCalibration calibration, IReadOnlyList<IDisposable> owned)
    {
        _analyzer = new FaceAnalyzer(locator, attributes);
        _comparer = new FaceComparer(locator, embedder, calibration);
        _embedder = embedder;
        _owned = owned;
    }

    /// <summary>
    /// The default models (docs/DETECTION.md, docs/ACCURACY.md): the BlazeFace pyramid, face-api's landmark,
    /// age-gender and expression nets, and <paramref name="embedder"/> (default
    /// <see cref="FaceEmbedderSpec.Default"/>) with its shipped calibration. The pipeline owns the
    /// sessions; <paramref name="runtime"/> stays the caller's.
    /// </summary>
    /// <param name="detectorScales">See <see cref="FaceLocator.Default"/>; null for the default.</param>
    public static FacePipeline OpenDefault(OnnxRuntime runtime, InstalledAssets assets, FaceEmbedderSpec? embedder = null, IReadOnlyList<float>? detectorScales = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(assets);
        var spec = embedder ?? FaceEmbedderSpec.Default;
        var calibration = SimilarityCalibration.ForModel(spec.ModelId);
        var sessions = new OnnxSessionSet(runtime, assets);
        try
        {
            var locator = FaceLocator.Default(sessions.Open, assets, detectorScales);
            var attributes = new FaceAttributeEstimator(sessions.Open("faceapi-age-gender"), sessions.Open("faceapi-expression"));
            return new FacePipeline(locator, attributes, new OnnxFaceEmbedder(sessions.Open(spec.ModelName), spec), calibration, [sessions]);
        }
        catch
        {
            sessions.Dispose();
            throw;
        }
    }

    /// <summary>The id every embedding of this pipeline carries (model and crop).</summary>
    public string EmbedderModelId => _embedder.ModelId;

    /// <summary>Maps raw embedding scores to Similarity 0-100 and thresholds to false-match rates.</summary>
    public SimilarityCalibration Calibration => _comparer.Calibration;

    /// <summary>DetectFaces: every face, largest first, at most 100; the image is only read.</summary>
    public IReadOnlyList<FaceDetail> Detect(DecodedImage image, FaceAnalysisAttributes attributes = FaceAnalysisAttributes.Default) =>
        _analyzer.Analyze(image, attributes);

    /// <summary>CompareFaces: the largest face of <paramref name="source"/> against every face of <paramref name="target"/>.</summary>
    public FaceComparison Compare(DecodedImage source, DecodedImage target, double threshold = FaceComparer.DefaultThreshold) =>
        _comparer.Compare(source, target, threshold);

    /// <summary>The embedding of a face <see cref="Detect"/> found in the same image.</summary>
    public FaceEmbedding Embed(DecodedImage image, FaceDetail face)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(face);
        return _embedder.Embed(image, face.Points);
    }

    /// <summary>The embeddings of faces <see cref="Detect"/> found in the same image, in order, in one network run.</summary>
    public IReadOnlyList<FaceEmbedding> EmbedAll(DecodedImage image, IReadOnlyList<FaceDetail> faces)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(faces);
        return _embedder.EmbedAll(image, faces.Select(f => f.Points).ToList());
    }

    /// <summary>Disposes the sessions <see cref="OpenDefault"/> opened.</summary>
    public void Dispose()
    {
        foreach (var owned in _owned) owned.Dispose();
    }
}
