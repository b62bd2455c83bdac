using Likeness.Models.Conversion.Onnx;

namespace Likeness.Models.Conversion.Tfjs;

/// <summary>
/// State shared by the op converters: the ONNX graph being built, what each TF.js node produced, and the
/// layout bookkeeping (NHWC as TF.js sees it vs NCHW as ONNX Conv wants it).
/// </summary>
internal sealed class TfjsConversionContext
{
    /// <summary>Transpose perm NHWC → NCHW: output axis k is input axis ToNchw[k].</summary>
    public static readonly long[] ToNchwPerm = [0, 3, 1, 2];

    /// <summary>Transpose perm NCHW → NHWC.</summary>
    public static readonly long[] ToNhwcPerm = [0, 2, 3, 1];

    /// <summary>Where TF axis a of a rank-4 tensor sits once the tensor is stored NCHW.</summary>
    public static readonly int[] NchwAxisOf = [0, 2, 3, 1];

    private readonly Dictionary<string, TfjsValue> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _relaidOut = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _initializers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<TfjsNode>> _consumers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _absorbed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _outputs;
    private readonly Dictionary<string, (TfjsValue Source, float Low, float High)> _deferredClamps = new(StringComparer.Ordinal);

    /// <param name="outputNodes">The nodes whose values leave the graph (the model's outputs, or a cut's).</param>
    /// <param name="resizeScales">Resize ratios learned by converting the same graph at its published size, for an opened one.</param>
    public TfjsConversionContext(OnnxGraphBuilder builder, TfjsGraphModel model, IReadOnlyList<TfjsNode> order, IEnumerable<string> outputNodes,
        IReadOnlyDictionary<string, (double H, double W)>? resizeScales = null)
    {
        Builder = builder;
        Model = model;
        ResizeScales = resizeScales is null ? [] : new Dictionary<string, (double H, double W)>(resizeScales);
        _outputs = new HashSet<string>(outputNodes, StringComparer.Ordinal);
        foreach (var node in order)
        {
            for (var i = 0; i < node.Inputs.Count; i++)
            {
                var producer = node.InputNode(i);
                if (!_consumers.TryGetValue(producer, out var list)) _consumers[producer] = list = [];
                if (!list.Contains(node)) list.Add(node);
            }
        }
    }

    public OnnxGraphBuilder Builder { get; }
    public TfjsGraphModel Model { get; }

    /// <summary>Each ResizeBilinear's output/input ratio (height, width), by node name.</summary>
    public Dictionary<string, (double H, double W)> ResizeScales { get; }

    public TfjsValue Value(string nodeName) =>
        _values.TryGetValue(nodeName, out var value) ? value : throw new TfjsConversionException($"Node '{nodeName}' is used before it is defined.");

    public TfjsValue Input(TfjsNode node, int index) => Value(node.InputNode(index));

    /// <summary>The constant a node holds, also for a Const node the walk has not reached yet; null for run-time values.</summary>
    public TfjsWeight? ConstantOf(string nodeName)
    {
        if (_values.TryGetValue(nodeName, out var value)) return value.Constant;
        return Model.NodesByName.TryGetValue(nodeName, out var node) && node.Op == "Const" ? Model.Weights.GetValueOrDefault(nodeName) : null;
    }

    public TfjsWeight ConstantInput(TfjsNode node, int index) =>
        Input(node, index).Constant ?? throw node.Error($"needs input {index} ('{node.Inputs[index]}') to be a constant");

    /// <summary>A constant input read as integers (shapes, axes, paddings), whichever dtype it is stored in.</summary>
    public long[] ConstantInts(TfjsNode node, int index)
    {
        var constant = ConstantInput(node, index);
        if (constant.Ints is { } ints) return ints.Select(i => (long)i).ToArray();
        return constant.RequireFloats().Select(f => (long)f).ToArray();
    }

    public void Define(TfjsNode node, TfjsValue value) => Define(node.Name, value);

    public void Define(string nodeName, TfjsValue value)
    {
        if (!_values.TryAdd(nodeName, value)) throw new TfjsConversionException($"Node '{nodeName}' is defined twice.");
    }

    /// <summary>Nodes that read <paramref name="nodeName"/>'s output, among the nodes being converted.</summary>
    public IReadOnlyList<TfjsNode> Consumers(string nodeName) => _consumers.TryGetValue(nodeName, out var list) ? list : [];

    public bool IsOutput(string nodeName) => _outputs.Contains(nodeName);

    /// <summary>Defines a later node now because an earlier op took its work over (a bias folded into Conv).</summary>
    public void Absorb(TfjsNode node, TfjsValue value)
    {
        Define(node, value);
        _absorbed.Add(node.Name);
    }

    public bool IsAbsorbed(string nodeName) => _absorbed.Contains(nodeName);

    /// <summary>
    /// Records that a clamp-like node (Relu, Minimum with a scalar, ...) is not emitted because its only consumer
    /// clamps again and will emit one Clip for both. The node gets no value, so any other reader fails loudly.
    /// </summary>
    public void DeferClamp(TfjsNode node, TfjsValue source, float low, float high) => _deferredClamps.Add(node.Name, (source, low, high));

    public bool TryGetDeferredClamp(string nodeName, out (TfjsValue Source, float Low, float High) clamp) =>
        _deferredClamps.TryGetValue(nodeName, out clamp);

    public string Emit(string opType, IReadOnlyList<string> inputs, string hint, params OnnxAttribute[] attributes) =>
        Builder.AddNode(opType, inputs, hint, attributes);

    /// <summary>A 1-D int64 initializer (shapes, axes, pads).</summary>
    public string Int64s(string hint, params long[] values) => Builder.AddInt64s(hint, values, values.Length);

    /// <summary>A rank-0 float initializer (Clip bounds, pad values).</summary>
    public string Scalar(string hint, float value) => Builder.AddFloats(hint, [value]);

    /// <summary>The value as ONNX sees it in TF.js's own layout (NHWC for rank 4).</summary>
    public string AsTfLayout(TfjsValue value)
    {
        if (value.Constant is { } constant) return Initializer(constant, "tf", constant.Shape, c => c);
        return value.IsNchw ? Relayout(value, toNchw: false) : value.OnnxName!;
    }

    /// <summary>A rank-4 value stored NCHW, transposing (once per value) when it is not yet.</summary>
    public string AsNchw(TfjsValue value)
    {
        if (value.Rank != 4) throw new TfjsConversionException($"A rank-{value.Rank} value cannot be laid out NCHW.");
        if (value.Constant is { } constant)
        {
            var s = constant.Shape;
            return Initializer(constant, "nchw", [s[0], s[3], s[1], s[2]], c => OnnxWeightLayout.Transpose<float>(c, s, [0, 3, 1, 2]));
        }
        return value.IsNchw ? value.OnnxName! : Relayout(value, toNchw: true);
    }

    /// <summary>
    /// A constant of rank ≤ 4 that broadcasts against a rank-4 NCHW value the way the original broadcast
    /// against NHWC: padded to rank 4, transposed, and stripped of leading 1s ([C] becomes [C, 1, 1]).
    /// </summary>
    public string AsBroadcastNchw(TfjsValue value)
    {
        var constant = value.Constant ?? throw new TfjsConversionException("Only constants can be re-broadcast for NCHW.");
        if (constant.Shape.Length > 4) throw new TfjsConversionException($"Constant '{constant.Name}' has rank {constant.Shape.Length}; at most 4 broadcasts against an image.");
        var s4 = Enumerable.Repeat(1L, 4 - constant.Shape.Length).Concat(constant.Shape).ToArray();
        var nchw = new[] { s4[0], s4[3], s4[1], s4[2] };
        var start = 0;
        while (start < 4 && nchw[start] == 1) start++;
        return Initializer(constant, "bnchw", nchw[start..], c => OnnxWeightLayout.Transpose<float>(c, s4, [0, 3, 1, 2]));
    }

    /// <summary>
    /// ONNX dims for a TF.js shape: -1 on the first axis is the symbolic "batch"; on an image's height and width
    /// "height" and "width" after <paramref name="owner"/>, as each output of an opened model has its own.
    /// </summary>
    public static OnnxDim[] Dims(IReadOnlyList<long> shape, string owner = "") =>
        shape.Select((d, i) => OnnxDim.FromTfjs(d, (i, shape.Count) switch
        {
            (0, _) => "batch",
            (1, 4) => owner + "height",
            (2, 4) => owner + "width",
            _ => $"{owner}dim{i}",
        })).ToArray();

    private string Initializer(TfjsWeight constant, string form, long[] dims, Func<float[], float[]> relayFloats)
    {
        var key = constant.Name + "|" + form;
        if (_initializers.TryGetValue(key, out var name)) return name;
        if (constant.Floats is { } floats)
        {
            name = Builder.AddFloats(constant.Name, relayFloats(floats), dims);
        }
        else
        {
            // Integer constants reach ONNX only as tensor data in these models' float graphs; keep them int64.
            var ints = constant.RequireInts().Select(i => (long)i).ToArray();
            if (form != "tf") throw new TfjsConversionException($"Integer constant '{constant.Name}' cannot be used in an NCHW computation.");
            name = Builder.AddInt64s(constant.Name, ints, dims);
        }
        _initializers[key] = name;
        return name;
    }

    // A transpose between NHWC and NCHW is a pure reshape when H = W = 1 or C = 1 (the memory order is the
    // same), and ONNX Runtime executes Reshape without a copy; otherwise a Transpose. Cached per value so
    // several consumers share one.
    private string Relayout(TfjsValue value, bool toNchw)
    {
        var source = value.OnnxName!;
        var key = source + (toNchw ? "|nchw" : "|nhwc");
        if (_relaidOut.TryGetValue(key, out var name)) return name;
        var s = value.Shape;
        var known = s[1] >= 0 && s[2] >= 0 && s[3] >= 0;
        if (known && ((s[1] == 1 && s[2] == 1) || s[3] == 1))
        {
            // 0 copies the batch size from the input (allowzero = 0), so an open batch needs no -1.
            var target = toNchw ? new[] { 0, s[3], s[1], s[2] } : new[] { 0, s[1], s[2], s[3] };
            name = Emit("Reshape", [source, Int64s(source + "/shape", target)], source + (toNchw ? "/nchw" : "/nhwc"));
        }
        else
        {
            name = Emit("Transpose", [source], source + (toNchw ? "/nchw" : "/nhwc"),
                OnnxAttribute.Ints("perm", toNchw ? ToNchwPerm : ToNhwcPerm));
        }
        _relaidOut[key] = name;
        return name;
    }
}
