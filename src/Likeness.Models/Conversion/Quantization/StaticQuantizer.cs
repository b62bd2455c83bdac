using Likeness.Models.Conversion.Onnx;

namespace Likeness.Models.Conversion.Quantization;

/// <summary>
/// Static 8-bit quantisation of a converted float graph in ONNX's QDQ form: every activation that a
/// convolution, addition or pooling reads passes through QuantizeLinear/DequantizeLinear (uint8, one scale per
/// tensor, from measured <see cref="ActivationRanges"/>), convolution weights become int8 (7-bit range, see
/// <see cref="WeightLimit"/>) with one scale per output channel and biases int32. ONNX Runtime fuses each DQ → op → Q group into QLinearConv / QLinearAdd,
/// which run on the CPU's 8-bit dot-product instructions (docs/MODELS.md).
/// </summary>
/// <remarks>
/// A Relu right after a convolution or an addition is dropped: the producer's output is quantised with the
/// Relu's own range, which starts at 0, so zero point 0 clips the negatives exactly as the Relu did, and ONNX
/// Runtime can fuse the whole block. Everything else (the head's pooling and matrix product) stays float.
/// </remarks>
internal static class StaticQuantizer
{
    private static readonly HashSet<string> QuantizedOps = ["Conv", "Add", "MaxPool", "AveragePool", "Pad"];

    /// <summary>
    /// Weights use 7 of int8's bits (ONNX Runtime's "reduce_range"). On x86 CPUs without VNNI, its uint8 x int8 kernels add
    /// pairs of products in 16 bits (vpmaddubsw), which saturates once 255 x |w| x 2 passes 32,767, i.e. for |w| above 63
    /// (onnxruntime.ai/docs/performance/model-optimizations/quantization.html); with |w| at most 63 every x86 CPU computes
    /// exactly the same integers, so the pinned model gives the same vectors with and without VNNI.
    /// </summary>
    internal const int WeightLimit = 63;

    /// <summary>The tensors whose ranges <see cref="Apply"/> needs, as the float graph names them.</summary>
    public static IReadOnlyList<string> CalibrationPoints(OnnxGraphBuilder graph)
    {
        var (nodes, folded) = FoldRelus(graph);
        var points = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            foreach (var (input, _) in ActivationInputs(graph, node, folded))
            {
                if (seen.Add(input)) points.Add(input);
            }
        }
        return points;
    }

    /// <summary>Declares every calibration point a graph output, so one run of the float model shows them all.</summary>
    public static void ExposeCalibrationPoints(OnnxGraphBuilder graph)
    {
        var outputs = graph.OutputNames.ToHashSet(StringComparer.Ordinal);
        foreach (var point in CalibrationPoints(graph))
        {
            if (outputs.Add(point)) graph.AddOutput(point, OnnxElementType.Float);
        }
    }

    /// <summary>Rewrites <paramref name="graph"/> into its quantised form; deterministic, so the bytes can be pinned.</summary>
    public static void Apply(OnnxGraphBuilder graph, ActivationRanges ranges)
    {
        var (nodes, folded) = FoldRelus(graph);
        var rewritten = new List<OnnxNode>();
        var dequantized = new Dictionary<string, (string Value, float Scale)>(StringComparer.Ordinal);

        (string Value, float Scale) Dequantized(string tensor)
        {
            if (dequantized.TryGetValue(tensor, out var known)) return known;
            var range = ranges.Of(tensor);
            var (scale, zeroPoint) = UInt8Parameters(range);
            var scaleName = graph.AddFloats(tensor + "/scale", [scale]);
            var zeroName = graph.AddConstant(tensor + "/zero_point", n => OnnxTensorData.UInt8s(n, [zeroPoint]));
            var quantized = graph.UniqueName(tensor + "/quantized");
            var value = graph.UniqueName(tensor + "/dequantized");
            rewritten.Add(new OnnxNode("QuantizeLinear", graph.UniqueName(tensor + "/QuantizeLinear"), [tensor, scaleName, zeroName], [quantized], []));
            rewritten.Add(new OnnxNode("DequantizeLinear", graph.UniqueName(tensor + "/DequantizeLinear"), [quantized, scaleName, zeroName], [value], []));
            return dequantized[tensor] = (value, scale);
        }

        foreach (var node in nodes)
        {
            var inputs = node.Inputs.ToArray();
            foreach (var (input, index) in ActivationInputs(graph, node, folded)) inputs[index] = Dequantized(input).Value;
            if (node.OpType == "Conv")
            {
                var inputScale = Dequantized(node.Inputs[0]).Scale;
                var (weights, channelScales) = QuantizeWeights(graph, node.Inputs[1], rewritten);
                inputs[1] = weights;
                if (inputs.Length > 2 && inputs[2].Length > 0) inputs[2] = QuantizeBias(graph, node.Inputs[2], inputScale, channelScales, rewritten);
            }
            rewritten.Add(node with { Inputs = inputs });
        }
        graph.ReplaceNodes(rewritten);
        graph.RemoveUnusedInitializers();
    }

    /// <summary>uint8 scale and zero point for a range widened to include 0 (so that 0 and Relu's clip are exact).</summary>
    internal static (float Scale, byte ZeroPoint) UInt8Parameters(ActivationRange range)
    {
        var min = Math.Min(0f, range.Min);
        var max = Math.Max(0f, range.Max);
        var scale = max > min ? (max - min) / 255f : 1e-8f;
        var zeroPoint = (byte)Math.Clamp(MathF.Round(-min / scale), 0, 255);
        return (scale, zeroPoint);
    }

    /// <summary>The nodes with each foldable Relu removed (its producer now writes the Relu's output), and the Relu outputs so produced.</summary>
    private static (List<OnnxNode> Nodes, HashSet<string> Folded) FoldRelus(OnnxGraphBuilder graph)
    {
        var producers = new Dictionary<string, int>(StringComparer.Ordinal);
        var consumers = new Dictionary<string, int>(StringComparer.Ordinal);
        var nodes = graph.Nodes.ToList();
        for (var i = 0; i < nodes.Count; i++)
        {
            foreach (var output in nodes[i].Outputs) producers[output] = i;
            foreach (var input in nodes[i].Inputs) consumers[input] = consumers.GetValueOrDefault(input) + 1;
        }
        var outputs = graph.OutputNames.ToHashSet(StringComparer.Ordinal);
        var folded = new HashSet<string>(StringComparer.Ordinal);
        var dropped = new HashSet<int>();
        for (var i = 0; i < nodes.Count; i++)
        {
            var relu = nodes[i];
            if (relu.OpType != "Relu") continue;
            var input = relu.Inputs[0];
            if (!producers.TryGetValue(input, out var p) || nodes[p].OpType is not ("Conv" or "Add")) continue;
            if (consumers[input] != 1 || outputs.Contains(input) || nodes[p].Outputs.Length != 1) continue;
            nodes[p] = nodes[p] with { Outputs = [relu.Outputs[0]] };
            folded.Add(relu.Outputs[0]);
            dropped.Add(i);
        }
        return ([.. nodes.Where((_, i) => !dropped.Contains(i))], folded);
    }

    /// <summary>The inputs of <paramref name="node"/> that are quantised, with their positions.</summary>
    private static IEnumerable<(string Name, int Index)> ActivationInputs(OnnxGraphBuilder graph, OnnxNode node, HashSet<string> folded)
    {
        for (var i = 0; i < node.Inputs.Length; i++)
        {
            var input = node.Inputs[i];
            if (input.Length == 0 || graph.TryGetInitializer(input) is not null) continue;
            var quantizedHere = QuantizedOps.Contains(node.OpType) && (i == 0 || node.OpType == "Add");
            // A folded Relu's output is only clipped once quantised, so a float consumer must read it quantised too.
            if (quantizedHere || folded.Contains(input)) yield return (input, i);
        }
    }

    /// <summary>int8 weights within ±<see cref="WeightLimit"/>, symmetric with one scale per output channel (axis 0), behind a DequantizeLinear.</summary>
    private static (string Value, float[] Scales) QuantizeWeights(OnnxGraphBuilder graph, string name, List<OnnxNode> nodes)
    {
        var tensor = graph.TryGetInitializer(name) ?? throw new InvalidOperationException($"Convolution weights '{name}' are not a constant.");
        var values = tensor.ToFloats();
        var channels = (int)tensor.Dims[0];
        var perChannel = values.Length / channels;
        var scales = new float[channels];
        var quantized = new sbyte[values.Length];
        for (var c = 0; c < channels; c++)
        {
            var weights = values.AsSpan(c * perChannel, perChannel);
            var largest = 0f;
            foreach (var w in weights) largest = Math.Max(largest, Math.Abs(w));
            scales[c] = largest > 0 ? largest / WeightLimit : 1e-8f;
            for (var k = 0; k < perChannel; k++) quantized[c * perChannel + k] = (sbyte)Math.Clamp(MathF.Round(weights[k] / scales[c]), -WeightLimit, WeightLimit);
        }
        var dims = tensor.Dims.ToArray();
        var value = PerChannelDequantized(graph, name, nodes, scales,
            (name + "/int8", n => OnnxTensorData.Int8s(n, quantized, dims)),
            n => OnnxTensorData.Int8s(n, new sbyte[channels], channels));
        return (value, scales);
    }

    /// <summary>int32 bias at the scale of input x weight, per channel, as QLinearConv adds it.</summary>
    private static string QuantizeBias(OnnxGraphBuilder graph, string name, float inputScale, float[] weightScales, List<OnnxNode> nodes)
    {
        var bias = (graph.TryGetInitializer(name) ?? throw new InvalidOperationException($"Convolution bias '{name}' is not a constant.")).ToFloats();
        var scales = new float[bias.Length];
        var quantized = new int[bias.Length];
        for (var c = 0; c < bias.Length; c++)
        {
            scales[c] = inputScale * weightScales[c];
            quantized[c] = (int)Math.Clamp(Math.Round((double)bias[c] / scales[c]), int.MinValue, int.MaxValue);
        }
        return PerChannelDequantized(graph, name, nodes, scales,
            (name + "/int32", n => OnnxTensorData.Int32s(n, quantized, bias.Length)),
            n => OnnxTensorData.Int32s(n, new int[bias.Length], bias.Length));
    }

    /// <summary>
    /// The quantised constant, its per-channel scales and zero point (added in that order: the order is in the pinned bytes)
    /// behind a DequantizeLinear on axis 0; returns the float value it gives.
    /// </summary>
    private static string PerChannelDequantized(OnnxGraphBuilder graph, string name, List<OnnxNode> nodes, float[] scales,
        (string Hint, Func<string, OnnxTensorData> Make) quantized, Func<string, OnnxTensorData> zeroPoint)
    {
        var q = graph.AddConstant(quantized.Hint, quantized.Make);
        var scale = graph.AddFloats(name + "/scale", scales, scales.Length);
        var zero = graph.AddConstant(name + "/zero_point", zeroPoint);
        var value = graph.UniqueName(name + "/dequantized");
        nodes.Add(new OnnxNode("DequantizeLinear", graph.UniqueName(name + "/DequantizeLinear"), [q, scale, zero], [value], [OnnxAttribute.Int("axis", 0)]));
        return value;
    }
}
