using System.Globalization;
using Likeness.Evaluation.Calibration;
using Likeness.Evaluation.Verification;
using Likeness.Imaging;
using Likeness.Vision.Faces.Attributes;
using Likeness.Vision.Faces.Embedding;
using Likeness.Vision.Faces.Landmarks;

namespace Likeness.Evaluation.Audits;

/// <summary>
/// Embeds the one face each audit image is about — the face nearest the image centre, as in portrait,
/// mugshot and LFW-style photos — with a progress bar, caching every embedding on disk by image hash,
/// model and preparation so an interrupted or repeated audit never embeds an image twice.
/// </summary>
public sealed class AuditEmbedder
{
    private readonly CentralFaceLocator _locator;
    private readonly IFaceEmbedder _embedder;
    private readonly EmbeddingCache _cache;
    private readonly Func<DecodedImage, FaceLandmarks68, GenderType>? _genderClassifier;
    private readonly EmbeddingCache? _genderCache;
    private readonly double _padding;
    private readonly TextWriter _progress;
    private readonly ImageDecoder _decoder = new();

    /// <param name="padding">
    /// Border added on every side, as a fraction of the image's side, before the face is looked for: tight
    /// crops (UTKFace's chips) need context for the detector; 0 leaves images as they are.
    /// </param>
    /// <param name="genderClassifier">When given, each face's gender is also classified (for the Gender Shades table) and cached beside its embedding.</param>
    public AuditEmbedder(CentralFaceLocator locator, IFaceEmbedder embedder, string cacheRoot, double padding, TextWriter progress,
        Func<DecodedImage, FaceLandmarks68, GenderType>? genderClassifier = null, string genderModelId = "faceapi-age-gender")
    {
        ArgumentNullException.ThrowIfNull(embedder);
        _locator = locator ?? throw new ArgumentNullException(nameof(locator));
        _embedder = embedder;
        _padding = padding;
        _progress = progress ?? throw new ArgumentNullException(nameof(progress));
        var metric = embedder is OnnxFaceEmbedder onnx ? onnx.Spec.Metric : throw new ArgumentException("Audits embed with one model (an OnnxFaceEmbedder), whose metric the cache records.", nameof(embedder));
        var preparation = padding > 0 ? "pad" + padding.ToString("0.###", CultureInfo.InvariantCulture) : null;
        _cache = new EmbeddingCache(cacheRoot, embedder.ModelId, metric, preparation);
        _genderClassifier = genderClassifier;
        // The cache stores vectors; a gender is kept as the one-element vector [1 if female else 0].
        if (genderClassifier is not null)
        {
            _genderCache = new EmbeddingCache(cacheRoot, genderModelId, FaceSimilarityMetric.Euclidean, preparation);
        }
    }

    /// <summary>The model id every embedding carries.</summary>
    public string ModelId => _embedder.ModelId;

    /// <summary>One embedding per path, in order; null where no face was found. A file that cannot be read or decoded throws, naming it.</summary>
    public IReadOnlyList<FaceEmbedding?> Embed(IReadOnlyList<string> paths, string label) => Run(paths, label).Embeddings;

    /// <summary>
    /// Embeddings and, with a gender classifier, the classified gender of each path's face (null where no face
    /// was found); without a classifier the genders are all null.
    /// </summary>
    public (IReadOnlyList<FaceEmbedding?> Embeddings, IReadOnlyList<GenderType?> Genders) Run(IReadOnlyList<string> paths, string label)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var bar = new ProgressLine(_progress, $"embedding {label}", paths.Count);
        var result = new FaceEmbedding?[paths.Count];
        var genders = new GenderType?[paths.Count];
        for (var n = 0; n < paths.Count; n++)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(paths[n]);
            }
            catch (IOException e)
            {
                throw new IOException($"Cannot read {paths[n]}: {e.Message}", e);
            }
            FaceEmbedding? gender = null;
            var cached = _cache.TryGet(bytes, out var embedding) && (_genderCache is null || _genderCache.TryGet(bytes, out gender));
            if (!cached)
            {
                DecodedImage image;
                try
                {
                    image = _decoder.Decode(bytes);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    throw new InvalidDataException($"{paths[n]} is not an image Likeness can decode: {e.Message}", e);
                }
                if (_padding > 0) image = CalibrationEvaluator.Pad(image, _padding);
                var landmarks = _locator.Locate(image);
                embedding = landmarks is null ? null : _embedder.Embed(image, landmarks);
                _cache.Put(bytes, embedding);
                if (_genderClassifier is not null)
                {
                    gender = landmarks is null ? null : new FaceEmbedding(_genderCache!.ModelId, [_genderClassifier(image, landmarks) == GenderType.Female ? 1f : 0f], FaceSimilarityMetric.Euclidean);
                    _genderCache!.Put(bytes, gender);
                }
            }
            result[n] = embedding;
            if (gender is not null) genders[n] = gender.Vector[0] > 0.5f ? GenderType.Female : GenderType.Male;
            bar.Report(n + 1);
        }
        if (paths.Count == 0) bar.Report(0);
        return (result, genders);
    }
}
