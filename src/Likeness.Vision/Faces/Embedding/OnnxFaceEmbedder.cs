using Likeness.Imaging;
using Likeness.Vision.Faces.Landmarks;
using Likeness.Vision.Onnx;

namespace Likeness.Vision.Faces.Embedding;

/// <summary>
/// One embedding network run through ONNX Runtime. The networks differ only in the numbers of
/// <see cref="FaceEmbedderSpec"/> (crop, range, output, metric), so one class serves them all.
/// </summary>
public sealed class OnnxFaceEmbedder : IFaceEmbedder
{
    private readonly OnnxSession _session;
    private readonly int _outputIndex;

    public OnnxFaceEmbedder(OnnxSession session, FaceEmbedderSpec spec)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(spec);
        _session = session;
        Spec = spec;
        _outputIndex = session.Outputs.ToList().FindIndex(o => o.Name == spec.OutputName);
        if (_outputIndex < 0)
        {
            throw new ArgumentException($"{spec.ModelName} has no output '{spec.OutputName}'; its outputs are {string.Join(", ", session.Outputs.Select(o => o.Name))}.", nameof(spec));
        }
    }

    public FaceEmbedderSpec Spec { get; }

    public string ModelId => Spec.ModelId;

    public FaceEmbedding Embed(DecodedImage image, FaceLandmarks68 landmarks) =>
        EmbedCrop(Spec.Alignment.Align(image, landmarks).Image);

    /// <summary>The embedding of a crop already cut to <see cref="FaceEmbedderSpec.Alignment"/>.</summary>
    public FaceEmbedding EmbedCrop(DecodedImage crop) => EmbedCrops([crop])[0];

    public IReadOnlyList<FaceEmbedding> EmbedAll(DecodedImage image, IReadOnlyList<FaceLandmarks68> faces)
    {
        ArgumentNullException.ThrowIfNull(faces);
        return EmbedCrops(faces.Select(f => Spec.Alignment.Align(image, f).Image).ToList());
    }

    /// <summary>
    /// Aligned crops in one network run: each crop, and its mirror image after all of them when the spec
    /// averages with the mirror.
    /// </summary>
    public IReadOnlyList<FaceEmbedding> EmbedCrops(IReadOnlyList<DecodedImage> crops)
    {
        ArgumentNullException.ThrowIfNull(crops);
        if (crops.Count == 0) return [];
        var size = Spec.InputSize;
        foreach (var crop in crops)
        {
            ArgumentNullException.ThrowIfNull(crop, nameof(crops));
            if (crop.Width != size || crop.Height != size) throw new ArgumentException($"{Spec.ModelName} needs a {size}x{size} crop, got {crop.Width}x{crop.Height}.", nameof(crops));
        }
        var views = Spec.ViewsPerCrop;
        var items = crops.Count * views;
        var input = Input(Spec, crops);
        var output = _session.Run([new(_session.Inputs[0].Name, OnnxTensor.FromFloats(input, items, size, size, 3))])[_outputIndex].AsFloats();
        var dimension = output.Length / items;
        var embeddings = new FaceEmbedding[crops.Count];
        for (var i = 0; i < crops.Count; i++)
        {
            var raw = output.AsSpan(i * dimension, dimension).ToArray();
            if (views == 2)
            {
                var mirrored = output.AsSpan((crops.Count + i) * dimension, dimension);
                for (var k = 0; k < dimension; k++) raw[k] = (raw[k] + mirrored[k]) / 2;
            }
            var vector = Spec.Metric == FaceSimilarityMetric.Cosine ? FaceEmbedding.Normalize(raw) : raw;
            embeddings[i] = new FaceEmbedding(ModelId, vector, Spec.Metric);
        }
        return embeddings;
    }

    /// <summary>
    /// The network input (NHWC, items x size x size x 3) for crops already cut to <paramref name="spec"/>'s alignment:
    /// each crop, then, when the spec averages with the mirror, each crop's mirror image.
    /// </summary>
    public static float[] Input(FaceEmbedderSpec spec, IReadOnlyList<DecodedImage> crops)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(crops);
        var plane = spec.InputSize * spec.InputSize * 3;
        var input = new float[crops.Count * spec.ViewsPerCrop * plane];
        for (var i = 0; i < crops.Count; i++)
        {
            Fill(spec, crops[i], input.AsSpan(i * plane, plane), mirror: false);
            if (spec.MirrorAverage) Fill(spec, crops[i], input.AsSpan((crops.Count + i) * plane, plane), mirror: true);
        }
        return input;
    }

    private static void Fill(FaceEmbedderSpec spec, DecodedImage crop, Span<float> input, bool mirror)
    {
        var size = spec.InputSize;
        var scale = spec.PixelScale;
        var offset = spec.PixelOffset;
        var pixels = crop.Pixels;
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var s = (y * size + (mirror ? size - 1 - x : x)) * 3;
                var d = (y * size + x) * 3;
                input[d] = pixels[spec.Bgr ? s + 2 : s] * scale + offset;
                input[d + 1] = pixels[s + 1] * scale + offset;
                input[d + 2] = pixels[spec.Bgr ? s : s + 2] * scale + offset;
            }
        }
    }
}
