namespace Likeness.Models.Conversion.Onnx;

/// <summary>Builds one ONNX model (a single graph, default domain) and serialises it deterministically.</summary>
/// <remarks>
/// Everything is written in insertion order and no timestamps or random ids are emitted, so the same
/// calls always give the same bytes: that is what lets converted models be pinned by SHA-256.
/// </remarks>
public sealed class OnnxGraphBuilder
{
    /// <summary>IR version 8 with opset 17: both are supported by every ONNX Runtime since 1.14.</summary>
    public const long IrVersion = 8;
    public const long DefaultOpset = 17;

    private readonly string _graphName;
    private readonly List<(string Name, OnnxElementType Type, OnnxDim[]? Shape)> _inputs = [];
    private readonly List<(string Name, OnnxElementType Type, OnnxDim[]? Shape)> _outputs = [];
    private readonly List<OnnxTensorData> _initializers = [];
    private readonly List<OnnxNode> _nodes = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OnnxTensorData> _initializerByName = new(StringComparer.Ordinal);

    public OnnxGraphBuilder(string graphName, long opset = DefaultOpset)
    {
        _graphName = graphName;
        Opset = opset;
    }

    public long Opset { get; }

    public int NodeCount => _nodes.Count;

    /// <summary>Returns <paramref name="hint"/>, or hint_1, hint_2, ... if taken, and reserves it.</summary>
    public string UniqueName(string hint)
    {
        var name = hint;
        for (var i = 1; !_names.Add(name); i++) name = $"{hint}_{i}";
        return name;
    }

    public string AddInput(string name, OnnxElementType type, params OnnxDim[] shape)
    {
        Reserve(name);
        _inputs.Add((name, type, shape));
        return name;
    }

    /// <summary>Declares an existing value as a graph output; a null shape leaves it to shape inference.</summary>
    public void AddOutput(string name, OnnxElementType type, OnnxDim[]? shape = null) => _outputs.Add((name, type, shape));

    /// <summary>Adds a constant under its own name, which must not be taken yet.</summary>
    public string AddInitializer(OnnxTensorData tensor)
    {
        Reserve(tensor.Name);
        return AddReservedInitializer(tensor);
    }

    private string AddReservedInitializer(OnnxTensorData tensor)
    {
        _initializers.Add(tensor);
        _initializerByName[tensor.Name] = tensor;
        return tensor.Name;
    }

    /// <summary>Adds the constant <paramref name="make"/> builds under a name made unique from <paramref name="hint"/>; returns that name.</summary>
    public string AddConstant(string hint, Func<string, OnnxTensorData> make) => AddReservedInitializer(make(UniqueName(hint)));

    public string AddFloats(string hint, ReadOnlySpan<float> values, params long[] dims) =>
        AddReservedInitializer(OnnxTensorData.Floats(UniqueName(hint), values, dims));

    public string AddInt64s(string hint, ReadOnlySpan<long> values, params long[] dims) =>
        AddReservedInitializer(OnnxTensorData.Int64s(UniqueName(hint), values, dims));

    /// <summary>The constant behind an initializer name, or null when the value is computed at run time.</summary>
    public OnnxTensorData? TryGetInitializer(string name) => _initializerByName.GetValueOrDefault(name);

    /// <summary>Adds a node with one output named after <paramref name="outputHint"/>; returns that output's name.</summary>
    public string AddNode(string opType, IReadOnlyList<string> inputs, string outputHint, params OnnxAttribute[] attributes) =>
        AddNode(opType, inputs, [outputHint], attributes)[0];

    /// <summary>Adds a node; outputs are made unique from their hints ("" stays "", meaning an omitted optional output).</summary>
    public IReadOnlyList<string> AddNode(string opType, IReadOnlyList<string> inputs, IReadOnlyList<string> outputHints, params OnnxAttribute[] attributes)
    {
        var outputs = outputHints.Select(h => h.Length == 0 ? h : UniqueName(h)).ToArray();
        _nodes.Add(new OnnxNode(opType, UniqueName($"{opType}_{_nodes.Count}"), inputs.ToArray(), outputs, attributes));
        return outputs;
    }

    /// <summary>Reserves an exact value name, such as a graph output's, so that no later hint takes it.</summary>
    public string ReserveName(string name)
    {
        Reserve(name);
        return name;
    }

    /// <summary>Adds a node whose outputs get exactly the given names, each reserved beforehand with <see cref="ReserveName"/>.</summary>
    public void AddNodeWithReservedOutputs(string opType, IReadOnlyList<string> inputs, IReadOnlyList<string> reservedOutputs, params OnnxAttribute[] attributes)
    {
        foreach (var output in reservedOutputs)
        {
            if (!_names.Contains(output)) throw new ArgumentException($"The output name '{output}' was not reserved.", nameof(reservedOutputs));
        }
        _nodes.Add(new OnnxNode(opType, UniqueName($"{opType}_{_nodes.Count}"), inputs.ToArray(), reservedOutputs.ToArray(), attributes));
    }

    /// <summary>The nodes in order, for graph-wide rewrites such as quantisation (<c>Conversion/Quantization</c>).</summary>
    internal IReadOnlyList<OnnxNode> Nodes => _nodes;

    /// <summary>The names declared as graph outputs.</summary>
    internal IEnumerable<string> OutputNames => _outputs.Select(o => o.Name);

    /// <summary>Replaces every node; the caller keeps the graph well formed (each value made before it is used).</summary>
    internal void ReplaceNodes(IEnumerable<OnnxNode> nodes)
    {
        var replacement = nodes.ToList();
        _nodes.Clear();
        _nodes.AddRange(replacement);
    }

    /// <summary>Drops constants no node reads any more (a rewrite that replaced them), keeping the order of the rest.</summary>
    internal void RemoveUnusedInitializers()
    {
        var used = _nodes.SelectMany(n => n.Inputs).ToHashSet(StringComparer.Ordinal);
        foreach (var unused in _initializers.Where(i => !used.Contains(i.Name)).ToList())
        {
            _initializers.Remove(unused);
            _initializerByName.Remove(unused.Name);
        }
    }

    /// <summary>Serialises the ModelProto.</summary>
    public byte[] ToModelBytes(string producerName, string producerVersion, IReadOnlyList<KeyValuePair<string, string>>? metadata = null)
    {
        var w = new ProtobufWriter();
        w.WriteVarint(1, IrVersion);
        w.WriteString(2, producerName);
        w.WriteString(3, producerVersion);
        w.WriteMessage(7, WriteGraph);
        w.WriteMessage(8, o => { o.WriteString(1, ""); o.WriteVarint(2, Opset); });
        foreach (var (key, value) in metadata ?? [])
        {
            w.WriteMessage(14, m => { m.WriteString(1, key); m.WriteString(2, value); });
        }
        return w.ToArray();
    }

    private void WriteGraph(ProtobufWriter g)
    {
        foreach (var node in _nodes) g.WriteMessage(1, node.WriteTo);
        g.WriteString(2, _graphName);
        foreach (var init in _initializers) g.WriteMessage(5, init.WriteTo);
        foreach (var (name, type, shape) in _inputs) g.WriteMessage(11, v => WriteValueInfo(v, name, type, shape));
        foreach (var (name, type, shape) in _outputs) g.WriteMessage(12, v => WriteValueInfo(v, name, type, shape));
    }

    private static void WriteValueInfo(ProtobufWriter v, string name, OnnxElementType type, OnnxDim[]? shape)
    {
        v.WriteString(1, name);
        v.WriteMessage(2, typeProto => typeProto.WriteMessage(1, tensor =>
        {
            tensor.WriteVarint(1, (int)type);
            if (shape is null) return;
            tensor.WriteMessage(2, shapeProto =>
            {
                foreach (var dim in shape)
                {
                    shapeProto.WriteMessage(1, d =>
                    {
                        if (dim.Size is { } size) d.WriteVarint(1, size);
                        else d.WriteString(2, dim.Symbol ?? "unk");
                    });
                }
            });
        }));
    }

    private void Reserve(string name)
    {
        if (!_names.Add(name)) throw new ArgumentException($"The name '{name}' is already used in graph '{_graphName}'.", nameof(name));
    }

}
