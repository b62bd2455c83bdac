using System.Text.Json.Serialization;

namespace Likeness.Bench;

/// <summary>One catalog model's line in the results: where its ONNX file came from and every timing taken of it.</summary>
public sealed class ModelRow(string name)
{
    public string Name { get; } = name;

    /// <summary>"pinned" (hash verified), "unpinned" (file present, no pin yet), "skipped" or "failed".</summary>
    public string Status { get; set; } = "skipped";

    /// <summary>Why a model was skipped or failed, or what is unusual about its row.</summary>
    public string? Note { get; set; }

    /// <summary>The ONNX file measured; null when skipped.</summary>
    public string? Path { get; set; }

    /// <summary>The input fed to both sides: the ONNX input shape with each dynamic dimension set to 1.</summary>
    public long[]? InputShape { get; set; }

    /// <summary>Likeness (ONNX Runtime) by intra-op thread count.</summary>
    public SortedDictionary<int, Measurement> Likeness { get; } = [];

    /// <summary>The TF.js wasm peer by thread count.</summary>
    public SortedDictionary<int, PeerTiming> Peer { get; } = [];

    /// <summary>Other processes' share of the machine's CPU while this row's Likeness and peer runs were timed (the larger of the two), by thread count.</summary>
    public SortedDictionary<int, double> OthersCpuShare { get; } = [];

    /// <summary>How many times the pair was measured, by thread count: above 1 when other work disturbed an attempt and it was repeated.</summary>
    public SortedDictionary<int, int> Attempts { get; } = [];

    /// <summary>Whether this model has a file to measure.</summary>
    [JsonIgnore]
    public bool Measurable => Status is "pinned" or "unpinned";
}
