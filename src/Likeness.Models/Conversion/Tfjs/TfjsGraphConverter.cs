using Likeness.Models.Conversion.Onnx;

namespace Likeness.Models.Conversion.Tfjs;

/// <summary>
/// Converts a TF.js graph model (model.json plus its .bin shards) into an ONNX model that keeps TF.js's
/// interface: the same input names in NHWC, the same output names in <c>model.outputs</c> order, the same shapes.
/// </summary>
/// <remarks>
/// Only the nodes the outputs depend on are converted, as TF.js only executes those. Inside, convolutions run
/// NCHW (ONNX's layout) and element-wise ops follow whatever layout their inputs have, so a model transposes
/// once after its input and once before each layout-sensitive op such as Reshape. The semantics of every op
/// follow TF.js's own executors and cpu kernels, which are what the reference fixtures are computed with.
/// </remarks>
public static class TfjsGraphConverter
{
    /// <summary>ModelProto.producer_name of every converted model.</summary>
    public const string ProducerName = "Likeness.TfjsGraphConverter";

    /// <summary>Bump when the emitted graph changes, so cached conversions are redone.</summary>
    public const string ProducerVersion = "1.0.0";

    private static readonly Dictionary<string, Action<TfjsConversionContext, TfjsNode>> Converters = BuildConverters();

    /// <summary>The TF.js ops this converter handles.</summary>
    public static IReadOnlyCollection<string> SupportedOps => Converters.Keys;

    /// <summary>Converts <paramref name="modelJsonPath"/> (shards are read from its directory) into ONNX model bytes.</summary>
    /// <param name="modelName">The ONNX graph name, e.g. "blazeface".</param>
    /// <param name="cut">Convert only up to these inner nodes, with the input's height and width open; null converts the model as published.</param>
    /// <exception cref="TfjsConversionException">The model uses an op or attribute the converter does not support, or is malformed.</exception>
    public static byte[] Convert(string modelJsonPath, string modelName, TfjsGraphCut? cut = null)
    {
        var model = TfjsGraphModel.Load(modelJsonPath);
        var outputs = cut is null
            ? model.OutputNames.Select(name => KeyValuePair.Create(name, name)).ToList()
            : [.. cut.Outputs];
        var inputs = cut?.Input is { } inner ? [inner.Node] : model.InputNames;
        var order = ExecutionOrder(model, outputs.Select(o => o.Value).ToList(), inputs);
        IReadOnlyDictionary<string, (double H, double W)>? resizeScales = null;
        if (cut is not null && order.Any(n => n.Op == "ResizeBilinear"))
        {
            // An opened input hides the sizes a constant-size resize was exported for: learn its ratios at the published size.
            if (cut.Input is not null) throw new TfjsConversionException("A graph with a constant-size resize cannot be cut at an inner input.");
            resizeScales = Build(model, modelName, outputs, order, openInput: false, null, null).Context.ResizeScales;
        }
        var (builder, _) = Build(model, modelName, outputs, order, openInput: cut is not null, cut?.Input, resizeScales);
        return builder.ToModelBytes(ProducerName, ProducerVersion,
        [
            new("source", Path.GetFileName(modelJsonPath)),
            new("converter", $"{ProducerName} {ProducerVersion}"),
            new("tfjs_generated_by", model.GeneratedBy),
            new("tfjs_converted_by", model.ConvertedBy),
            new("layout", "NHWC inputs and outputs, as in TF.js"),
        ]);
    }

    private static (OnnxGraphBuilder Builder, TfjsConversionContext Context) Build(
        TfjsGraphModel model, string modelName, IReadOnlyList<KeyValuePair<string, string>> outputs,
        IReadOnlyList<TfjsNode> order, bool openInput, TfjsCutInput? innerInput, IReadOnlyDictionary<string, (double H, double W)>? resizeScales)
    {
        var builder = new OnnxGraphBuilder(modelName);
        var context = new TfjsConversionContext(builder, model, order, outputs.Select(o => o.Value), resizeScales);

        if (innerInput is null) AddModelInputs(builder, context, model, openInput);
        else AddInnerInput(builder, context, model, innerInput);
        foreach (var (name, node) in outputs)
        {
            if (model.InputNames.Contains(node) || node == innerInput?.Node) throw new TfjsConversionException($"Output '{name}' is also an input; pass-through graphs are not supported.");
            builder.ReserveName(name);
        }

        foreach (var node in order)
        {
            if (context.IsAbsorbed(node.Name) || node.Name == innerInput?.Node) continue;
            if (model.InputNames.Contains(node.Name))
            {
                if (innerInput is null) continue;
                throw new TfjsConversionException($"Output depends on the model input '{node.Name}' by a path that bypasses the cut's input '{innerInput.Node}'.");
            }
            if (node.Op == "Const")
            {
                var weight = model.Weights.GetValueOrDefault(node.Name) ?? throw node.Error("has no value in the weights manifest");
                context.Define(node, TfjsValue.Const(weight));
                continue;
            }
            if (!Converters.TryGetValue(node.Op, out var convert))
            {
                throw new TfjsConversionException($"Node '{node.Name}' uses op '{node.Op}', which the TF.js graph converter does not support.");
            }
            convert(context, node);
        }

        foreach (var (name, node) in outputs)
        {
            var value = context.Value(node);
            if (value.Constant is { Floats: null }) throw new TfjsConversionException($"Output '{name}' is an integer constant; only float32 outputs are supported.");
            builder.AddNodeWithReservedOutputs("Identity", [context.AsTfLayout(value)], [name]);
            builder.AddOutput(name, OnnxElementType.Float, TfjsConversionContext.Dims(value.Shape, openInput ? name + "_" : ""));
        }

        return (builder, context);
    }

    private static void AddModelInputs(OnnxGraphBuilder builder, TfjsConversionContext context, TfjsGraphModel model, bool openInput)
    {
        foreach (var name in model.InputNames)
        {
            var node = model.NodesByName[name];
            if (!node.Op.StartsWith("Placeholder", StringComparison.Ordinal)) throw node.Error("is a model input but not a Placeholder");
            var dtype = node.Type("dtype") ?? "DT_FLOAT";
            if (dtype != "DT_FLOAT") throw node.Error($"is a {dtype} input; only float32 inputs are supported");
            var shape = node.Shape("shape");
            if (openInput)
            {
                if (shape.Length != 4) throw node.Error("is not an image input; only NHWC inputs can have their size opened");
                shape = [shape[0], -1, -1, shape[3]];
            }
            builder.AddInput(name, OnnxElementType.Float, TfjsConversionContext.Dims(shape));
            context.Define(node, TfjsValue.Runtime(name, shape));
        }
    }

    private static void AddInnerInput(OnnxGraphBuilder builder, TfjsConversionContext context, TfjsGraphModel model, TfjsCutInput input)
    {
        if (!model.NodesByName.TryGetValue(input.Node, out var node)) throw new TfjsConversionException($"The cut's input node '{input.Node}' is not in the graph.");
        if (input.Channels < 1) throw new TfjsConversionException($"The cut's input '{input.Name}' needs a positive channel count.");
        // NCHW, so that the convolutions after it need no transpose.
        builder.AddInput(input.Name, OnnxElementType.Float,
            [OnnxDim.Fixed(1), OnnxDim.Fixed(input.Channels), OnnxDim.Symbolic("height"), OnnxDim.Symbolic("width")]);
        context.Define(node, TfjsValue.Runtime(input.Name, [1, -1, -1, input.Channels], isNchw: true));
    }

    // Post-order depth-first walk from the outputs (in output order, inputs in input order): deterministic,
    // every producer before its consumers, and nodes no output needs are left out, as TF.js's executor does.
    // The walk stops at the given inputs: the model's own, or a cut's inner input.
    private static List<TfjsNode> ExecutionOrder(TfjsGraphModel model, IReadOnlyList<string> outputs, IReadOnlyList<string> inputNames)
    {
        var order = new List<TfjsNode>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        var onPath = new HashSet<string>(StringComparer.Ordinal);
        var inputs = new HashSet<string>(inputNames, StringComparer.Ordinal);
        foreach (var output in outputs)
        {
            var stack = new Stack<(TfjsNode Node, int Next)>();
            Push(output);
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                if (!inputs.Contains(node.Name) && next < node.Inputs.Count)
                {
                    stack.Push((node, next + 1));
                    Push(node.InputNode(next));
                    continue;
                }
                onPath.Remove(node.Name);
                if (done.Add(node.Name)) order.Add(node);
            }

            void Push(string name)
            {
                if (done.Contains(name)) return;
                if (!model.NodesByName.TryGetValue(name, out var node)) throw new TfjsConversionException($"Node '{name}' is referenced but not in the graph.");
                if (!onPath.Add(name)) throw new TfjsConversionException($"The graph has a cycle through '{name}'; control flow is not supported.");
                stack.Push((node, 0));
            }
        }
        return order;
    }

    private static Dictionary<string, Action<TfjsConversionContext, TfjsNode>> BuildConverters()
    {
        var converters = new Dictionary<string, Action<TfjsConversionContext, TfjsNode>>(StringComparer.Ordinal)
        {
            ["Identity"] = TfjsShapeOps.Identity,
            ["StopGradient"] = TfjsShapeOps.Identity,
            ["Snapshot"] = TfjsShapeOps.Identity,
            ["Conv2D"] = TfjsConvolutionOps.Conv2D,
            ["_FusedConv2D"] = TfjsConvolutionOps.FusedConv2D,
            ["DepthwiseConv2dNative"] = TfjsConvolutionOps.DepthwiseConv2D,
            ["DepthwiseConv2d"] = TfjsConvolutionOps.DepthwiseConv2D,
            ["FusedDepthwiseConv2dNative"] = TfjsConvolutionOps.FusedDepthwiseConv2D,
            ["MaxPool"] = TfjsConvolutionOps.MaxPool,
            ["AvgPool"] = TfjsConvolutionOps.AvgPool,
            ["MatMul"] = TfjsMatMulOps.MatMul,
            ["_FusedMatMul"] = TfjsMatMulOps.FusedMatMul,
            ["Softmax"] = TfjsReductionOps.Softmax,
            ["Reshape"] = TfjsShapeOps.Reshape,
            ["Squeeze"] = TfjsShapeOps.Squeeze,
            ["ExpandDims"] = TfjsShapeOps.ExpandDims,
            ["ConcatV2"] = TfjsShapeOps.ConcatV2,
            ["Pad"] = TfjsShapeOps.Pad,
            ["PadV2"] = TfjsShapeOps.Pad,
            ["StridedSlice"] = TfjsShapeOps.StridedSlice,
            ["ResizeBilinear"] = TfjsResizeOps.ResizeBilinear,
        };
        foreach (var op in TfjsElementwiseOps.BinaryOpNames) converters[op] = TfjsElementwiseOps.Binary;
        foreach (var op in TfjsElementwiseOps.UnaryOpNames) converters[op] = TfjsElementwiseOps.Unary;
        foreach (var op in TfjsClampOps.OpNames) converters[op] = TfjsClampOps.Convert;
        foreach (var op in TfjsReductionOps.ReduceOpNames) converters[op] = TfjsReductionOps.Reduce;
        return converters;
    }
}
