using Likeness.Models.Conversion.Tfjs;

namespace Likeness.Models.Conversion.Dlib;

/// <summary>
/// dlib's face recognition ResNet (`dlib_face_recognition_resnet_model_v1.dat`) under the names and layouts of face-api's
/// port of it, so that face-api's architecture (<c>FaceRecognitionGraph</c>) runs dlib's own float32 weights instead of
/// face-api's copy, which stores most tensors rounded to 256 levels.
/// </summary>
/// <remarks>
/// The .dat holds 29 convolutions, each followed by its affine layer (batch norm, frozen), then the 128x256 fully
/// connected layer, input first; face-api's weight list is the same layers in the same order. dlib keeps a
/// convolution's filters as [out, in, kh, kw] then its biases in one tensor, an affine layer's scales then its shifts,
/// and the fully connected weights as [in, out]; face-api's filters are TF's [kh, kw, in, out].
/// </remarks>
internal static class DlibRecognitionWeights
{
    // (face-api prefix, input channels, output channels, kernel side), in dlib's file order.
    private static readonly (string Prefix, int In, int Out, int Kernel)[] Convolutions = BuildConvolutions();

    private const int Descriptor = 128;

    /// <summary>The weights of <paramref name="file"/> as face-api names them.</summary>
    /// <exception cref="TfjsConversionException">The file does not hold this network's layers in this order and these sizes.</exception>
    public static IReadOnlyDictionary<string, TfjsWeight> Read(DlibDnnFile file, string source)
    {
        var layers = file.Layers;
        var expected = Convolutions.Length * 2 + 1;
        if (layers.Count != expected) throw new TfjsConversionException($"{source}: {layers.Count} parameterised layers, expected {expected} (29 convolutions with their affine layers, one fully connected).");
        var weights = new Dictionary<string, TfjsWeight>(StringComparer.Ordinal);
        for (var i = 0; i < Convolutions.Length; i++)
        {
            var (prefix, input, output, kernel) = Convolutions[i];
            var (conv, affine) = (layers[2 * i], layers[2 * i + 1]);
            var filterCount = output * input * kernel * kernel;
            Require(conv, "con_", filterCount + output, source, prefix);
            Require(affine, "affine_", 2 * output, source, prefix);
            var filters = new float[filterCount];
            // [out, in, kh, kw] → [kh, kw, in, out]
            for (var o = 0; o < output; o++)
            for (var c = 0; c < input; c++)
            for (var y = 0; y < kernel; y++)
            for (var x = 0; x < kernel; x++)
            {
                filters[((y * kernel + x) * input + c) * output + o] = conv.Values[((o * input + c) * kernel + y) * kernel + x];
            }
            Add(weights, $"{prefix}/conv/filters", [kernel, kernel, input, output], filters);
            Add(weights, $"{prefix}/conv/bias", [output], conv.Values[filterCount..]);
            Add(weights, $"{prefix}/scale/weights", [output], affine.Values[..output]);
            Add(weights, $"{prefix}/scale/biases", [output], affine.Values[output..]);
        }
        var fc = layers[^1];
        var last = Convolutions[^1].Out;
        Require(fc, "fc_", last * Descriptor, source, "fc");
        Add(weights, "fc", [last, Descriptor], fc.Values);
        return weights;
    }

    private static void Require(DlibLayer layer, string tag, long values, string source, string prefix)
    {
        if (!layer.Tag.StartsWith(tag, StringComparison.Ordinal) || layer.Values.Length != values)
        {
            throw new TfjsConversionException($"{source}: for {prefix} expected a {tag} layer of {values} values, found {layer.Tag} with {layer.Values.Length}.");
        }
    }

    private static void Add(Dictionary<string, TfjsWeight> weights, string name, long[] shape, float[] values) =>
        weights[name] = new TfjsWeight(name, shape, values, null);

    private static (string, int, int, int)[] BuildConvolutions()
    {
        var list = new List<(string, int, int, int)> { ("conv32_down", 3, 32, 7) };
        void Residual(string name, int channels)
        {
            list.Add(($"{name}/conv1", channels, channels, 3));
            list.Add(($"{name}/conv2", channels, channels, 3));
        }
        void Down(string name, int input, int output)
        {
            list.Add(($"{name}/conv1", input, output, 3));
            list.Add(($"{name}/conv2", output, output, 3));
        }
        Residual("conv32_1", 32); Residual("conv32_2", 32); Residual("conv32_3", 32);
        Down("conv64_down", 32, 64); Residual("conv64_1", 64); Residual("conv64_2", 64); Residual("conv64_3", 64);
        Down("conv128_down", 64, 128); Residual("conv128_1", 128); Residual("conv128_2", 128);
        Down("conv256_down", 128, 256); Residual("conv256_1", 256); Residual("conv256_2", 256);
        Down("conv256_down_out", 256, 256);
        return [.. list];
    }
}
