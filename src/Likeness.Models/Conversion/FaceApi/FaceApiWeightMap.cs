using Likeness.Models.Conversion.Tfjs;

namespace Likeness.Models.Conversion.FaceApi;

/// <summary>
/// The named weights of one face-api manifest, looked up by face-api's own weight names. Like face-api's
/// extractWeightEntryFactory, a missing weight or one of the wrong rank is an error; unlike it, the shape
/// is checked too, so a manifest that does not fit the architecture fails here with the weight's name
/// rather than later inside ONNX Runtime.
/// </summary>
internal sealed class FaceApiWeightMap(IReadOnlyDictionary<string, TfjsWeight> weights, string source)
{
    /// <summary>The shape of <paramref name="name"/>, which must exist and have <paramref name="rank"/> dimensions.</summary>
    public long[] Shape(string name, int rank)
    {
        var weight = Find(name);
        if (weight.Shape.Length != rank)
        {
            throw Misshaped(name, weight.Shape, $"a rank-{rank} tensor");
        }
        return weight.Shape;
    }

    /// <summary>The float32 values of <paramref name="name"/>, which must have exactly <paramref name="shape"/>.</summary>
    public float[] Floats(string name, params long[] shape)
    {
        var weight = Find(name);
        if (!weight.Shape.AsSpan().SequenceEqual(shape))
        {
            throw Misshaped(name, weight.Shape, $"[{string.Join(",", shape)}]");
        }
        return weight.Floats ?? throw new TfjsConversionException($"{source}: weight '{name}' is int32, expected float32.");
    }

    /// <summary>The error for a weight that exists but does not fit the layer that reads it.</summary>
    public TfjsConversionException Misshaped(string name, long[] shape, string expected) =>
        new($"{source}: weight '{name}' has shape [{string.Join(",", shape)}], expected {expected}.");

    private TfjsWeight Find(string name) =>
        weights.TryGetValue(name, out var weight)
            ? weight
            : throw new TfjsConversionException($"{source}: weight '{name}' is missing.");
}
