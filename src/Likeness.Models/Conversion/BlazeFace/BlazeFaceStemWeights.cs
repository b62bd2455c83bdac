using Likeness.Models.Conversion.Tfjs;

namespace Likeness.Models.Conversion.BlazeFace;

/// <summary>
/// The weights of BlazeFace's layers at 24 channels (a 5x5 stride-2 convolution with ReLU, then fifteen residual
/// blocks of a 3x3 depthwise and a 1x1 convolution, the eighth with stride 2 and a max-pooled residual), which the
/// runtime computes with its own fused kernel instead of ONNX Runtime; the catalog's "blazeface-anysize-tail" is the
/// rest of the network.
/// </summary>
public sealed record BlazeFaceStemWeights(float[] StemFilter, float[] StemBias, IReadOnlyList<BlazeFaceBlockWeights> Blocks)
{
    private const string Prefix = "StatefulPartitionedCall/functional_1/";

    /// <summary>The graph node the stem ends at: the detector's remaining layers start from its value.</summary>
    public const string OutputNode = Prefix + "re_lu_14/Relu";

    private const int BlockCount = 15;

    // The block that halves the size; its residual is this max pool of the block's input.
    private const int StridedBlock = 7;
    private const string StridedResidual = Prefix + "max_pooling2d/MaxPool";

    /// <summary>Channels of every layer, and of the stem's output.</summary>
    public const int Channels = 24;

    /// <summary>
    /// Reads the stem and its seven blocks from human-models' BlazeFace graph (<paramref name="modelJsonPath"/> and its
    /// shard), checking that each node is the op, padding and stride the kernel computes, so that a different graph
    /// fails here instead of detecting badly.
    /// </summary>
    /// <exception cref="TfjsConversionException">A node is missing or is not what the kernel computes.</exception>
    public static BlazeFaceStemWeights Read(string modelJsonPath)
    {
        var model = TfjsGraphModel.Load(modelJsonPath);
        var stem = Node(model, Prefix + "conv2d/Relu", "_FusedConv2D");
        RequireConvolution(stem, stride: 2, "SAME", ["biasadd", "relu"]);
        var (stemFilter, stemBias) = (Weight(model, stem, 1, [5, 5, 3, Channels]), Weight(model, stem, 2, [Channels]));
        var previous = stem.Name;
        var blocks = new List<BlazeFaceBlockWeights>();
        for (var i = 0; i < BlockCount; i++)
        {
            var suffix = i == 0 ? "" : $"_{i}";
            var stride = i == StridedBlock ? 2 : 1;
            var depthwise = Node(model, Prefix + $"depthwise_conv2d{suffix}/depthwise", "DepthwiseConv2dNative");
            RequireInput(depthwise, 0, previous);
            RequireConvolution(depthwise, stride, "SAME", []);
            var residual = previous;
            if (stride == 2)
            {
                var pool = Node(model, StridedResidual, "MaxPool");
                RequireInput(pool, 0, previous);
                if (!pool.Ints("ksize").SequenceEqual([1L, 2, 2, 1])) throw pool.Error("is not a 2x2 pool");
                RequireConvolution(pool, stride: 2, "SAME", []);
                residual = pool.Name;
            }
            var pointwise = Node(model, Prefix + $"conv2d_{i + 1}/BiasAdd", "_FusedConv2D");
            RequireInput(pointwise, 0, depthwise.Name);
            RequireConvolution(pointwise, stride: 1, "VALID", ["biasadd"]);
            var add = Node(model, Prefix + $"add{suffix}/add", "AddV2");
            if (!new[] { add.InputNode(0), add.InputNode(1) }.Order().SequenceEqual(new[] { residual, pointwise.Name }.Order()))
            {
                throw add.Error($"does not add '{residual}' and '{pointwise.Name}'");
            }
            var relu = Node(model, Prefix + $"re_lu{suffix}/Relu", "Relu");
            RequireInput(relu, 0, add.Name);
            blocks.Add(new BlazeFaceBlockWeights(
                Weight(model, depthwise, 1, [3, 3, Channels, 1]),
                Weight(model, pointwise, 1, [1, 1, Channels, Channels]),
                Weight(model, pointwise, 2, [Channels]),
                stride));
            previous = relu.Name;
        }
        if (previous != OutputNode) throw new TfjsConversionException($"The stem ends at '{previous}', not at '{OutputNode}'.");
        return new BlazeFaceStemWeights(stemFilter, stemBias, blocks);
    }

    private static TfjsNode Node(TfjsGraphModel model, string name, string op)
    {
        if (!model.NodesByName.TryGetValue(name, out var node)) throw new TfjsConversionException($"The BlazeFace graph has no node '{name}'.");
        return node.Op == op ? node : throw node.Error($"is not {op}");
    }

    private static void RequireInput(TfjsNode node, int index, string producer)
    {
        if (node.InputNode(index) != producer) throw node.Error($"reads '{node.InputNode(index)}' where '{producer}' was expected");
    }

    private static void RequireConvolution(TfjsNode node, int stride, string padding, string[] fusedOps)
    {
        if (!node.Ints("strides").SequenceEqual([1L, stride, stride, 1])) throw node.Error($"does not have stride {stride}");
        if (node.Ints("dilations") is { Length: > 0 } dilations && dilations.Any(d => d != 1)) throw node.Error("is dilated");
        if (node.String("padding", "VALID").ToUpperInvariant() != padding) throw node.Error($"does not have {padding} padding");
        if (node.String("data_format", "NHWC") != "NHWC") throw node.Error("is not NHWC");
        if (!node.Strings("fused_ops").Select(s => s.ToLowerInvariant()).SequenceEqual(fusedOps)) throw node.Error($"does not fuse exactly [{string.Join(", ", fusedOps)}]");
    }

    private static float[] Weight(TfjsGraphModel model, TfjsNode node, int input, long[] shape)
    {
        var name = node.InputNode(input);
        var weight = model.Weights.GetValueOrDefault(name) ?? throw node.Error($"reads '{name}', which is not a weight");
        if (!weight.Shape.SequenceEqual(shape)) throw node.Error($"has weight '{name}' of shape [{string.Join(", ", weight.Shape)}], not [{string.Join(", ", shape)}]");
        return weight.RequireFloats();
    }
}

/// <summary>One residual block: ReLU(residual(x) + pointwise(depthwise(x)) + bias), residual x itself at stride 1 and its 2x2 max pool at stride 2.</summary>
/// <param name="Depthwise">The 3x3 depthwise filter in TF's layout [3, 3, 24, 1].</param>
/// <param name="Pointwise">The 1x1 filter in TF's HWIO layout [1, 1, 24, 24].</param>
/// <param name="Bias">The 1x1 convolution's 24 biases.</param>
/// <param name="Stride">The depthwise convolution's stride (SAME padding).</param>
public sealed record BlazeFaceBlockWeights(float[] Depthwise, float[] Pointwise, float[] Bias, int Stride = 1);
