using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Likeness.Models.Conversion.Tfjs;

/// <summary>One node of a TF.js graph model's GraphDef (model.json "modelTopology.node"), with typed attribute reads.</summary>
/// <remarks>
/// Attributes follow the JSON form of tensorflow.AttrValue: int64s are strings ("i": "2"), strings are
/// base64 ("s"), lists sit under "list". TF.js lowercases string attributes it reads (fused_ops,
/// padding), so the readers here compare case-insensitively too.
/// </remarks>
internal sealed class TfjsNode
{
    private readonly Dictionary<string, JsonElement> _attributes;

    public TfjsNode(JsonElement node)
    {
        Name = node.GetProperty("name").GetString() ?? throw new TfjsConversionException("A graph node has no name.");
        Op = node.GetProperty("op").GetString() ?? throw new TfjsConversionException($"Node '{Name}' has no op.");
        var inputs = new List<string>();
        if (node.TryGetProperty("input", out var inputArray))
        {
            foreach (var input in inputArray.EnumerateArray())
            {
                var reference = input.GetString()!;
                if (reference.StartsWith('^')) continue; // control dependency: no data flows
                inputs.Add(reference);
            }
        }
        Inputs = inputs;
        _attributes = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (node.TryGetProperty("attr", out var attr))
        {
            foreach (var property in attr.EnumerateObject()) _attributes[property.Name] = property.Value.Clone();
        }
    }

    public string Name { get; }
    public string Op { get; }

    /// <summary>Data inputs as written ("node", "node:0"); control inputs ("^node") are dropped.</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>The node name an input reference points at; only output 0 of a node is supported.</summary>
    public string InputNode(int index)
    {
        if (index >= Inputs.Count) throw Error($"needs input {index} but has {Inputs.Count}");
        var reference = Inputs[index];
        var colon = reference.LastIndexOf(':');
        if (colon < 0) return reference;
        if (reference[(colon + 1)..] != "0") throw Error($"reads output '{reference}'; only single-output producers are supported");
        return reference[..colon];
    }

    public bool HasAttribute(string name) => _attributes.ContainsKey(name);

    public long Int(string name, long fallback) =>
        _attributes.TryGetValue(name, out var a) && a.TryGetProperty("i", out var i) ? ParseLong(i) : fallback;

    public float Float(string name, float fallback) =>
        _attributes.TryGetValue(name, out var a) && a.TryGetProperty("f", out var f) ? ParseFloat(f) : fallback;

    public bool Bool(string name, bool fallback) =>
        _attributes.TryGetValue(name, out var a) && a.TryGetProperty("b", out var b) ? b.GetBoolean() : fallback;

    public string String(string name, string fallback) =>
        _attributes.TryGetValue(name, out var a) && a.TryGetProperty("s", out var s) ? DecodeString(s) : fallback;

    /// <summary>A dtype attribute ("type": "DT_FLOAT"), or null when absent.</summary>
    public string? Type(string name) =>
        _attributes.TryGetValue(name, out var a) && a.TryGetProperty("type", out var t) ? t.GetString() : null;

    public long[] Ints(string name) =>
        _attributes.TryGetValue(name, out var a) && a.TryGetProperty("list", out var list) && list.TryGetProperty("i", out var items)
            ? items.EnumerateArray().Select(ParseLong).ToArray()
            : [];

    public string[] Strings(string name) =>
        _attributes.TryGetValue(name, out var a) && a.TryGetProperty("list", out var list) && list.TryGetProperty("s", out var items)
            ? items.EnumerateArray().Select(DecodeString).ToArray()
            : [];

    /// <summary>A "shape" attribute (TensorShapeProto); -1 marks an unknown size.</summary>
    public long[] Shape(string name)
    {
        if (!_attributes.TryGetValue(name, out var a) || !a.TryGetProperty("shape", out var shape)) throw Error($"has no '{name}' shape");
        if (shape.TryGetProperty("unknownRank", out var unknown) && unknown.GetBoolean()) throw Error("has an unknown rank");
        return shape.TryGetProperty("dim", out var dims)
            ? dims.EnumerateArray().Select(d => d.TryGetProperty("size", out var size) ? ParseLong(size) : -1).ToArray()
            : [];
    }

    /// <summary>An exception that names this node and its op.</summary>
    public TfjsConversionException Error(string problem) => new($"Node '{Name}' ({Op}) {problem}.");

    private static long ParseLong(JsonElement e) =>
        e.ValueKind == JsonValueKind.String ? long.Parse(e.GetString()!, CultureInfo.InvariantCulture) : e.GetInt64();

    private static float ParseFloat(JsonElement e) =>
        e.ValueKind == JsonValueKind.String ? float.Parse(e.GetString()!, CultureInfo.InvariantCulture) : e.GetSingle();

    private static string DecodeString(JsonElement e) => Encoding.UTF8.GetString(Convert.FromBase64String(e.GetString() ?? ""));
}
