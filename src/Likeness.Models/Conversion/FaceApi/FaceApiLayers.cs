using Likeness.Models.Conversion.Onnx;

namespace Likeness.Models.Conversion.FaceApi;

/// <summary>
/// The tf.* operations face-api's nets are written with, emitted as NCHW ONNX nodes. One Transpose after
/// the NHWC input is the only layout change; everything after it stays NCHW (ONNX Conv's layout).
/// </summary>
internal sealed class FaceApiLayers(OnnxGraphBuilder graph, FaceApiWeightMap weights)
{
    /// <summary>The graph input's name in every converted face-api model.</summary>
    public const string InputName = "input";

    private readonly Dictionary<string, string> _constants = new(StringComparer.Ordinal);

    public OnnxGraphBuilder Graph => graph;
    public FaceApiWeightMap Weights => weights;

    /// <summary>Declares the input float32 [batch, size, size, 3] (NHWC, RGB 0-255) and transposes it to NCHW.</summary>
    public FaceApiTensor Input(int size)
    {
        graph.AddInput(InputName, OnnxElementType.Float, OnnxDim.Symbolic("batch"), OnnxDim.Fixed(size), OnnxDim.Fixed(size), OnnxDim.Fixed(3));
        var nchw = graph.AddNode("Transpose", [InputName], "input_nchw", OnnxAttribute.Ints("perm", 0, 3, 1, 2));
        return new FaceApiTensor(nchw, 3, size, size);
    }

    /// <summary>x - perChannel[c], the per-channel constant broadcast as [1, C, 1, 1] (face-api's ops/normalize).</summary>
    public FaceApiTensor SubtractPerChannel(FaceApiTensor x, float[] perChannel, string hint)
    {
        if (perChannel.Length != x.Channels) throw new ArgumentException($"Expected {x.Channels} values.", nameof(perChannel));
        var constant = graph.AddFloats(hint + "/value", perChannel, 1, perChannel.Length, 1, 1);
        return x with { Name = graph.AddNode("Sub", [x.Name, constant], hint) };
    }

    /// <summary>An elementwise op between x and a float32 scalar (Sub, Div, Mul, Add).</summary>
    public FaceApiTensor WithScalar(string opType, FaceApiTensor x, float value, string hint) =>
        x with { Name = graph.AddNode(opType, [x.Name, Scalar(value)], hint) };

    public FaceApiTensor Relu(FaceApiTensor x, string hint) => x with { Name = graph.AddNode("Relu", [x.Name], hint) };

    /// <summary>tf.clipByValue: ONNX Clip with scalar bounds (inputs, not attributes, since opset 11).</summary>
    public FaceApiTensor Clip(FaceApiTensor x, float min, float max, string hint) =>
        x with { Name = graph.AddNode("Clip", [x.Name, Scalar(min), Scalar(max)], hint) };

    /// <summary>tf.add of two tensors of the same shape.</summary>
    public FaceApiTensor Add(FaceApiTensor a, FaceApiTensor b, string hint)
    {
        if (a with { Name = "" } != b with { Name = "" })
        {
            throw new InvalidOperationException($"Add '{hint}': shapes {a} and {b} differ.");
        }
        return a with { Name = graph.AddNode("Add", [a.Name, b.Name], hint) };
    }

    /// <summary>
    /// tf.conv2d or tf.depthwiseConv2d (by the kernel's groups) plus an optional bias, with TF's padding
    /// rule made explicit.
    /// </summary>
    public FaceApiTensor Conv(FaceApiTensor x, FaceApiConvKernel kernel, float[]? bias, int stride, TfPadding padding, string hint)
    {
        if (kernel.InChannels != x.Channels) throw new InvalidOperationException($"Conv '{hint}': kernel expects {kernel.InChannels} channels, input has {x.Channels}.");
        var (outH, top, bottom) = Geometry(x.Height, kernel.KernelHeight, stride, padding, hint);
        var (outW, left, right) = Geometry(x.Width, kernel.KernelWidth, stride, padding, hint);
        var inputs = new List<string> { x.Name, graph.AddFloats(hint + "/weights", kernel.Weights, kernel.Dims) };
        if (bias is not null)
        {
            if (bias.Length != kernel.OutChannels) throw new InvalidOperationException($"Conv '{hint}': {bias.Length} biases for {kernel.OutChannels} outputs.");
            inputs.Add(graph.AddFloats(hint + "/bias", bias, bias.Length));
        }
        var attributes = new List<OnnxAttribute>
        {
            OnnxAttribute.Ints("kernel_shape", kernel.KernelHeight, kernel.KernelWidth),
            OnnxAttribute.Ints("strides", stride, stride),
            OnnxAttribute.Ints("pads", top, left, bottom, right),
        };
        if (kernel.Groups != 1) attributes.Add(OnnxAttribute.Int("group", kernel.Groups));
        var output = graph.AddNode("Conv", inputs, hint, [.. attributes]);
        return new FaceApiTensor(output, kernel.OutChannels, outH, outW);
    }

    /// <summary>
    /// face-api's common/depthwiseSeparableConv: tf.separableConv2d(x, depthwise_filter, pointwise_filter,
    /// stride, 'same') + bias, as a depthwise Conv followed by a 1x1 Conv carrying the bias.
    /// </summary>
    public FaceApiTensor SeparableConv(FaceApiTensor x, string prefix, int stride)
    {
        var depthwise = FaceApiConvKernel.Depthwise(weights, $"{prefix}/depthwise_filter", x.Channels);
        var pointwise = FaceApiConvKernel.Conv(weights, $"{prefix}/pointwise_filter", depthwise.OutChannels);
        if (pointwise.KernelHeight != 1 || pointwise.KernelWidth != 1)
        {
            throw weights.Misshaped($"{prefix}/pointwise_filter", [pointwise.KernelHeight, pointwise.KernelWidth, pointwise.InChannels, pointwise.OutChannels], "a 1x1 filter");
        }
        var bias = weights.Floats($"{prefix}/bias", pointwise.OutChannels);
        var mid = Conv(x, depthwise, null, stride, TfPadding.Same, $"{prefix}/depthwise");
        return Conv(mid, pointwise, bias, 1, TfPadding.Same, prefix);
    }

    /// <summary>tf.maxPool; ONNX MaxPool ignores padded cells, as TF's "same" max pooling does.</summary>
    public FaceApiTensor MaxPool(FaceApiTensor x, int kernel, int stride, TfPadding padding, string hint) => Pool("MaxPool", x, kernel, stride, padding, hint);

    /// <summary>tf.avgPool; padded cells are left out of the average (ONNX count_include_pad = 0), as in TF.</summary>
    public FaceApiTensor AveragePool(FaceApiTensor x, int kernel, int stride, TfPadding padding, string hint) => Pool("AveragePool", x, kernel, stride, padding, hint);

    /// <summary>Appends zeros after the existing channels, rows and columns (face-api's tf.concat with tf.zeros).</summary>
    public FaceApiTensor PadEnd(FaceApiTensor x, int channels, int rows, int columns, string hint)
    {
        var pads = Int64s(hint + "/pads", [0, 0, 0, 0, 0, channels, rows, columns]);
        var output = graph.AddNode("Pad", [x.Name, pads], hint);
        return new FaceApiTensor(output, x.Channels + channels, x.Height + rows, x.Width + columns);
    }

    /// <summary>[batch, C, 1, 1] to [batch, C]: face-api's as2D(batch, -1) of a 1x1 NHWC map, which has the same order.</summary>
    public string Flatten(FaceApiTensor x, string hint)
    {
        if (x.Height != 1 || x.Width != 1) throw new InvalidOperationException($"Flatten '{hint}': {x} is not 1x1, so NCHW and NHWC orders would differ.");
        return graph.AddNode("Flatten", [x.Name], hint, OnnxAttribute.Int("axis", 1));
    }

    /// <summary>face-api's common/fullyConnectedLayer: matMul(x, weights [in, out]) + bias, as one Gemm.</summary>
    public string FullyConnected(string x, int inFeatures, int outFeatures, string prefix, string hint)
    {
        var w = graph.AddFloats($"{prefix}/weights", weights.Floats($"{prefix}/weights", inFeatures, outFeatures), inFeatures, outFeatures);
        var b = graph.AddFloats($"{prefix}/bias", weights.Floats($"{prefix}/bias", outFeatures), outFeatures);
        return graph.AddNode("Gemm", [x, w, b], hint);
    }

    /// <summary>A float32 scalar initializer, shared by every node that uses the same value.</summary>
    public string Scalar(float value)
    {
        var key = "f:" + BitConverter.SingleToInt32Bits(value).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!_constants.TryGetValue(key, out var name))
        {
            name = graph.AddFloats("const_" + value.ToString("R", System.Globalization.CultureInfo.InvariantCulture), [value]);
            _constants[key] = name;
        }
        return name;
    }

    /// <summary>An int64 vector initializer (shapes, pads, slice bounds).</summary>
    public string Int64s(string hint, long[] values) => graph.AddInt64s(hint, values, values.Length);

    private FaceApiTensor Pool(string opType, FaceApiTensor x, int kernel, int stride, TfPadding padding, string hint)
    {
        var (outH, top, bottom) = Geometry(x.Height, kernel, stride, padding, hint);
        var (outW, left, right) = Geometry(x.Width, kernel, stride, padding, hint);
        var output = graph.AddNode(opType, [x.Name], hint,
            OnnxAttribute.Ints("kernel_shape", kernel, kernel),
            OnnxAttribute.Ints("strides", stride, stride),
            OnnxAttribute.Ints("pads", top, left, bottom, right));
        return new FaceApiTensor(output, x.Channels, outH, outW);
    }

    /// <summary>
    /// TF's output size and padding for one spatial axis: "same" gives ceil(size / stride) and pads
    /// max((out - 1) * stride + kernel - size, 0), the odd cell at the end; "valid" never pads.
    /// </summary>
    private static (int Output, int Begin, int End) Geometry(int size, int kernel, int stride, TfPadding padding, string hint)
    {
        if (padding == TfPadding.Valid)
        {
            if (size < kernel) throw new InvalidOperationException($"'{hint}': a {kernel}-wide window does not fit {size} cells.");
            return ((size - kernel) / stride + 1, 0, 0);
        }
        var output = (size + stride - 1) / stride;
        var total = Math.Max((output - 1) * stride + kernel - size, 0);
        return (output, total / 2, total - total / 2);
    }
}
