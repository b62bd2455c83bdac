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
    public FaceEmbedding EmbedCrop(DecodedImage crop)
    {
        ArgumentNullException.ThrowIfNull(crop);
        var size = Spec.InputSize;
        if (crop.Width != size || crop.Height != size) throw new ArgumentException($"{Spec.ModelName} needs a {size}x{size} crop, got {crop.Width}x{crop.Height}.", nameof(crop));
        var raw = Run(crop, mirror: false);
        if (Spec.MirrorAverage)
        {
            var mirrored = Run(crop, mirror: true);
            for (var i = 0; i < raw.Length; i++) raw[i] = (raw[i] + mirrored[i]) / 2;
        }
        var vector = Spec.Metric == FaceSimilarityMetric.Cosine ? FaceEmbedding.Normalize(raw) : raw;
        return new FaceEmbedding(ModelId, vector, Spec.Metric);
    }

    private float[] Run(DecodedImage crop, bool mirror)
    {
        var size = Spec.InputSize;
        var input = new float[size * size * 3];
        var scale = Spec.PixelScale;
        var offset = Spec.PixelOffset;
        var pixels = crop.Pixels;
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var s = (y * size + (mirror ? size - 1 - x : x)) * 3;
                var d = (y * size + x) * 3;
                input[d] = pixels[Spec.Bgr ? s + 2 : s] * scale + offset;
                input[d + 1] = pixels[s + 1] * scale + offset;
                input[d + 2] = pixels[Spec.Bgr ? s : s + 2] * scale + offset;
            }
        }
        return _session.Run([new(_session.Inputs[0].Name, OnnxTensor.FromFloats(input, 1, size, size, 3))])[_outputIndex].AsFloats();
    }
}
