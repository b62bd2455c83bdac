using System.Text.Json;

namespace Likeness.Models.Conversion.Tfjs;

/// <summary>A parsed TF.js graph model: nodes, weights, and the inputs and outputs TF.js itself would pick.</summary>
internal sealed class TfjsGraphModel
{
    private TfjsGraphModel(
        IReadOnlyList<TfjsNode> nodes, IReadOnlyDictionary<string, TfjsWeight> weights,
        IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, string generatedBy, string convertedBy)
    {
        Nodes = nodes;
        NodesByName = nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
        Weights = weights;
        InputNames = inputs;
        OutputNames = outputs;
        GeneratedBy = generatedBy;
        ConvertedBy = convertedBy;
    }

    /// <summary>Nodes in file order.</summary>
    public IReadOnlyList<TfjsNode> Nodes { get; }
    public IReadOnlyDictionary<string, TfjsNode> NodesByName { get; }
    public IReadOnlyDictionary<string, TfjsWeight> Weights { get; }

    /// <summary>Input node names in the order of GraphModel.inputs.</summary>
    public IReadOnlyList<string> InputNames { get; }

    /// <summary>Output node names in the order of GraphModel.outputs, which is what execute() returns.</summary>
    public IReadOnlyList<string> OutputNames { get; }

    public string GeneratedBy { get; }
    public string ConvertedBy { get; }

    public static TfjsGraphModel Load(string modelJsonPath)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(modelJsonPath));
        var root = doc.RootElement;
        if (root.TryGetProperty("format", out var format) && format.GetString() != "graph-model")
        {
            throw new TfjsConversionException($"{Path.GetFileName(modelJsonPath)} is a '{format.GetString()}', not a TF.js graph model.");
        }
        if (!root.TryGetProperty("modelTopology", out var topology) || !topology.TryGetProperty("node", out var nodeArray))
        {
            throw new TfjsConversionException($"{Path.GetFileName(modelJsonPath)} has no modelTopology.node.");
        }
        var nodes = nodeArray.EnumerateArray().Select(n => new TfjsNode(n)).ToList();
        var byName = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            if (!byName.Add(node.Name)) throw new TfjsConversionException($"Node name '{node.Name}' appears twice.");
        }

        var weights = root.TryGetProperty("weightsManifest", out var manifest)
            ? TfjsWeightsManifest.Load(manifest, Path.GetDirectoryName(Path.GetFullPath(modelJsonPath))!)
            : new Dictionary<string, TfjsWeight>();

        // tfjs-converter's GraphModel prefers userDefinedMetadata.signature over signature
        // (executor/graph_model.js), then OperationMapper.transformGraph picks inputs and outputs from it.
        JsonElement? signature = root.TryGetProperty("signature", out var s) ? s : null;
        if (root.TryGetProperty("userDefinedMetadata", out var meta) && meta.TryGetProperty("signature", out var ms)) signature = ms;
        var inputs = SignatureNodes(signature, "inputs", byName);
        var outputs = SignatureNodes(signature, "outputs", byName);
        if (inputs.Count == 0) inputs = nodes.Where(n => n.Op.StartsWith("Placeholder", StringComparison.Ordinal)).Select(n => n.Name).ToList();
        if (outputs.Count == 0) outputs = Leaves(nodes);
        if (inputs.Count == 0) throw new TfjsConversionException($"{Path.GetFileName(modelJsonPath)} has no inputs.");
        if (outputs.Count == 0) throw new TfjsConversionException($"{Path.GetFileName(modelJsonPath)} has no outputs.");

        return new TfjsGraphModel(nodes, weights, inputs, outputs, OptionalString(root, "generatedBy"), OptionalString(root, "convertedBy"));
    }

    // Entries keep their JSON order (JavaScript object key order, which tfjs-converter iterates);
    // names like "Identity_3:0" refer to node "Identity_3". Entries naming no node are skipped, as TF.js does.
    private static List<string> SignatureNodes(JsonElement? signature, string key, HashSet<string> nodeNames)
    {
        var result = new List<string>();
        if (signature is not { } sig || !sig.TryGetProperty(key, out var entries) || entries.ValueKind != JsonValueKind.Object) return result;
        foreach (var entry in entries.EnumerateObject())
        {
            var tensorName = entry.Value.TryGetProperty("name", out var n) ? n.GetString() ?? entry.Name : entry.Name;
            var colon = tensorName.LastIndexOf(':');
            var nodeName = colon < 0 ? tensorName : tensorName[..colon];
            if (nodeNames.Contains(nodeName) && !result.Contains(nodeName)) result.Add(nodeName);
        }
        return result;
    }

    // Without a signature TF.js takes every node nobody consumes, in node order.
    private static List<string> Leaves(List<TfjsNode> nodes)
    {
        var consumed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            foreach (var input in node.Inputs)
            {
                var colon = input.LastIndexOf(':');
                consumed.Add(colon < 0 ? input : input[..colon]);
            }
        }
        return nodes.Where(n => !consumed.Contains(n.Name)).Select(n => n.Name).ToList();
    }

    private static string OptionalString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";
}
