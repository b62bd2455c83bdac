using System.Security.Cryptography;
using System.Text;
using Likeness.Evaluation.Audits;
using Likeness.Evaluation.Calibration;
using Likeness.Evaluation.Verification;
using Likeness.Models.Assets;
using Likeness.Vision.Faces.Attributes;
using Likeness.Vision.Faces.Detection;
using Likeness.Vision.Faces.Embedding;
using Likeness.Vision.Faces.Landmarks;
using Likeness.Vision.Onnx;

namespace Likeness.Cli.Commands;

/// <summary>
/// The networks the face audits run: BlazeFace to find the central face, face-api's 68 landmarks, the
/// default embedder and, for the Gender Shades table, face-api's age-gender net. Opened once per audit.
/// </summary>
internal sealed class AuditModels : IDisposable
{
    private readonly OnnxRuntime _runtime;
    private readonly List<OnnxSession> _sessions = [];
    private readonly CentralFaceLocator _locator;
    private readonly OnnxFaceEmbedder _embedder;
    private readonly string _cacheRoot;
    private FaceAttributeEstimator? _attributes;
    private readonly InstalledAssets _assets;

    /// <summary>Every network an audit may run: what its cached embeddings depend on.</summary>
    public static readonly IReadOnlyList<string> Networks = ["blazeface", "faceapi-landmark68", FaceEmbedderSpec.Default.ModelName, "faceapi-age-gender"];

    /// <param name="cacheRoot">Where embeddings are cached; they go into a folder of it named by <see cref="CacheFolder"/>.</param>
    public AuditModels(InstalledAssets assets, int threads, string cacheRoot)
    {
        _assets = assets;
        _cacheRoot = Path.Combine(cacheRoot, CacheFolder(AssetPins.Embedded.Models));
        _runtime = OnnxRuntime.Load(new OnnxRuntimeOptions { SearchPaths = [assets.OnnxRuntimeLibrary()], IntraOpThreads = threads });
        _locator = new CentralFaceLocator(new BlazeFaceDetector(Open("blazeface")), new FaceApiLandmarkDetector(Open("faceapi-landmark68")));
        _embedder = new OnnxFaceEmbedder(Open(FaceEmbedderSpec.Default.ModelName), FaceEmbedderSpec.Default);
    }

    /// <summary>The default embedder's model id: what every audit measures.</summary>
    public string ModelId => _embedder.ModelId;

    /// <summary>An embedder for images needing <paramref name="padding"/>, classifying gender too when <paramref name="withGender"/>.</summary>
    public AuditEmbedder Embedder(double padding, bool withGender, TextWriter progress)
    {
        Func<Likeness.Imaging.DecodedImage, FaceLandmarks68, GenderType>? classifier = null;
        if (withGender)
        {
            _attributes ??= new FaceAttributeEstimator(Open("faceapi-age-gender"), Open("faceapi-expression"));
            var estimator = _attributes;
            classifier = (image, landmarks) => estimator.EstimateAgeGender(image, landmarks).Gender.Value;
        }
        return new AuditEmbedder(_locator, _embedder, _cacheRoot, padding, progress, classifier);
    }

    /// <summary>The calibration fit's scorer over the same networks and cache.</summary>
    public CalibrationEvaluator CalibrationEvaluator(TextWriter progress) => new(_locator, _embedder, _cacheRoot, progress);

    /// <summary>Where embeddings are cached when no --cache is given: the asset cache's `embeddings` folder.</summary>
    public static string DefaultCacheRoot(InstalledAssets assets) => Path.Combine(assets.Cache.Root, "embeddings");

    /// <summary>
    /// `models-` and 12 hex digits of the SHA-256 over the pins of <see cref="Networks"/>: a model whose bytes change under
    /// the same name (re-quantised, or a converter fix) starts a new cache instead of reading vectors its old file made.
    /// </summary>
    public static string CacheFolder(IReadOnlyDictionary<string, string> pins)
    {
        var text = string.Join("\n", Networks.Select(n => $"{n}={(pins.TryGetValue(n, out var sha) ? sha : throw new AssetException($"{n}: no pinned sha256 in Assets/asset-pins.json."))}"));
        return "models-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
    }

    public void Dispose()
    {
        foreach (var session in _sessions) session.Dispose();
        _runtime.Dispose();
    }

    private OnnxSession Open(string model)
    {
        var session = _runtime.OpenSession(_assets.Model(model));
        _sessions.Add(session);
        return session;
    }
}
