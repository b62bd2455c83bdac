using Likeness.Models.Conversion.Onnx;

namespace Likeness.Models.Conversion.FaceApi;

/// <summary>
/// face-api's FaceRecognitionNet (src/faceRecognitionNet/), a ResNet-34-like net ported from dlib's
/// face recognition model, emitted layer for layer.
/// </summary>
/// <remarks>
/// Input contract: <c>input</c> float32 [batch, 150, 150, 3], NHWC, RGB pixel values 0-255 of the face
/// crop resized to 150x150 (face-api's toBatchTensor(150, true) pads a non-square crop to a centred square
/// with zeros first). The graph subtracts the mean RGB (122.782, 117.001, 104.298) and divides by 255
/// itself (FaceRecognitionNet.forwardInput).
/// Output: <c>descriptor</c> float32 [batch, 128], the face descriptor, not normalised (face-api compares
/// descriptors by Euclidean distance, 0.6 being its usual match threshold).
/// </remarks>
internal static class FaceRecognitionGraph
{
    public const int InputSize = 150;
    public const string Architecture = "src/faceRecognitionNet/FaceRecognitionNet.ts";

    private static readonly float[] MeanRgb = [122.782f, 117.001f, 104.298f];

    /// <summary>What face-api divides the centred pixels by.</summary>
    public const float FaceApiPixelDivisor = 255f;

    /// <summary>What dlib's own input layer divides them by (`input_rgb_image`: (pixel - mean) / 256).</summary>
    public const float DlibPixelDivisor = 256f;

    public static void Build(FaceApiLayers layers) => Build(layers, FaceApiPixelDivisor);

    public static void Build(FaceApiLayers layers, float pixelDivisor)
    {
        var x = layers.Input(InputSize);
        x = layers.SubtractPerChannel(x, MeanRgb, "normalize/sub_mean");
        x = layers.WithScalar("Div", x, pixelDivisor, "normalize/div");

        var out1 = ConvLayer(layers, x, "conv32_down", stride: 2, TfPadding.Valid, relu: true);
        out1 = layers.MaxPool(out1, 3, 2, TfPadding.Valid, "max_pool");

        out1 = Residual(layers, out1, "conv32_1");
        out1 = Residual(layers, out1, "conv32_2");
        out1 = Residual(layers, out1, "conv32_3");

        out1 = ResidualDown(layers, out1, "conv64_down");
        out1 = Residual(layers, out1, "conv64_1");
        out1 = Residual(layers, out1, "conv64_2");
        out1 = Residual(layers, out1, "conv64_3");

        out1 = ResidualDown(layers, out1, "conv128_down");
        out1 = Residual(layers, out1, "conv128_1");
        out1 = Residual(layers, out1, "conv128_2");

        out1 = ResidualDown(layers, out1, "conv256_down");
        out1 = Residual(layers, out1, "conv256_1");
        out1 = Residual(layers, out1, "conv256_2");
        out1 = ResidualDown(layers, out1, "conv256_down_out");

        // out.mean([1, 2]) over NHWC is the mean over H and W: axes 2 and 3 in NCHW.
        var graph = layers.Graph;
        var globalAvg = graph.AddNode("ReduceMean", [out1.Name], "global_avg", OnnxAttribute.Ints("axes", 2, 3), OnnxAttribute.Int("keepdims", 0));
        var fc = graph.AddFloats("fc", layers.Weights.Floats("fc", out1.Channels, 128), out1.Channels, 128);
        var descriptor = graph.AddNode("MatMul", [globalAvg, fc], "descriptor");
        graph.AddOutput(descriptor, OnnxElementType.Float, [OnnxDim.Symbolic("batch"), OnnxDim.Fixed(128)]);
    }

    /// <summary>
    /// convLayer.ts: conv2d + bias, then the scale layer (x * weights + biases), then an optional relu. The
    /// scale layer is folded into the conv's weights and bias: it is a per-output-channel affine map.
    /// </summary>
    private static FaceApiTensor ConvLayer(FaceApiLayers layers, FaceApiTensor x, string prefix, int stride, TfPadding padding, bool relu)
    {
        var weights = layers.Weights;
        var kernel = FaceApiConvKernel.Conv(weights, $"{prefix}/conv/filters", x.Channels);
        var n = kernel.OutChannels;
        var bias = weights.Floats($"{prefix}/conv/bias", n);
        var scale = weights.Floats($"{prefix}/scale/weights", n);
        var shift = weights.Floats($"{prefix}/scale/biases", n);
        var foldedScale = new double[n];
        var foldedBias = new float[n];
        for (var c = 0; c < n; c++)
        {
            foldedScale[c] = scale[c];
            foldedBias[c] = (float)((double)bias[c] * scale[c] + shift[c]);
        }
        var output = layers.Conv(x, kernel.ScaleOutputChannels(foldedScale), foldedBias, stride, padding, prefix);
        return relu ? layers.Relu(output, prefix + "/relu") : output;
    }

    /// <summary>residualLayer.ts residual: conv (relu), conv (no relu), add the input, relu.</summary>
    private static FaceApiTensor Residual(FaceApiLayers layers, FaceApiTensor x, string prefix)
    {
        var output = ConvLayer(layers, x, $"{prefix}/conv1", 1, TfPadding.Same, relu: true);
        output = ConvLayer(layers, output, $"{prefix}/conv2", 1, TfPadding.Same, relu: false);
        output = layers.Add(output, x, prefix + "/add");
        return layers.Relu(output, prefix + "/relu");
    }

    /// <summary>
    /// residualLayer.ts residualDown: a strided "valid" conv branch beside a 2x2 average-pool shortcut. Where
    /// the pool comes out one cell larger, face-api appends a zero row and column to the conv branch; where
    /// the conv widens the channels, it appends zero channels to the shortcut.
    /// </summary>
    private static FaceApiTensor ResidualDown(FaceApiLayers layers, FaceApiTensor x, string prefix)
    {
        var output = ConvLayer(layers, x, $"{prefix}/conv1", 2, TfPadding.Valid, relu: true);
        output = ConvLayer(layers, output, $"{prefix}/conv2", 1, TfPadding.Same, relu: false);

        var pooled = layers.AveragePool(x, 2, 2, TfPadding.Valid, prefix + "/avg_pool");
        if (pooled.Height < output.Height || pooled.Width < output.Width)
        {
            throw new InvalidOperationException($"'{prefix}': the conv branch {output} outgrows the shortcut {pooled}.");
        }
        if (pooled.Height != output.Height || pooled.Width != output.Width)
        {
            output = layers.PadEnd(output, 0, pooled.Height - output.Height, pooled.Width - output.Width, prefix + "/pad_hw");
        }
        if (pooled.Channels != output.Channels)
        {
            pooled = layers.PadEnd(pooled, output.Channels - pooled.Channels, 0, 0, prefix + "/pad_channels");
        }
        output = layers.Add(pooled, output, prefix + "/add");
        return layers.Relu(output, prefix + "/relu");
    }
}
