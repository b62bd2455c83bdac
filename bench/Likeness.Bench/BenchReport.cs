using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Nodes;

namespace Likeness.Bench;

/// <summary>Everything one run measured, with what it ran on; written as JSON and as Markdown tables.</summary>
public sealed class BenchReport(MachineInfo machine, BenchOptions options, DateTimeOffset started)
{
    public DateTimeOffset Started { get; } = started;

    public DateTimeOffset Finished { get; set; }

    public MachineInfo Machine { get; } = machine;

    public BenchOptions Options { get; } = options;

    /// <summary>ONNX Runtime's version and library path.</summary>
    public string? OnnxRuntime { get; set; }

    /// <summary>What each peer process reported about itself (Node, tfjs, wasm build, threads), by pass: "models 1t", "models 2t", "decoding".</summary>
    public SortedDictionary<string, JsonElement> Peer { get; } = [];

    /// <summary>Lines printed while running (skipped models, a missing peer), repeated in the results.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>Share of CPU time idle machine-wide in the second before the run and the second after it.</summary>
    public double? IdleBefore { get; set; }

    public double? IdleAfter { get; set; }

    public IReadOnlyList<ModelRow> Models { get; set; } = [];

    public IReadOnlyList<DecodingRow> Decoding { get; set; } = [];

    public IReadOnlyList<PipelineRow> Pipeline { get; set; } = [];

    /// <summary>The pipeline section's photos, with the faces each side found.</summary>
    public IReadOnlyList<PipelineImage> PipelineImages { get; set; } = [];

    /// <summary>The embedder the pipeline section ran (model, crop, mirror).</summary>
    public string? PipelineEmbedder { get; set; }

    /// <summary>Where the pipeline peers ran from; null when they did not run.</summary>
    public string? PipelinePeersDirectory { get; set; }

    /// <summary>What the pipeline peers' bench.mjs reported about its packages and machine, by library.</summary>
    public SortedDictionary<string, JsonElement> PipelinePeers { get; set; } = [];

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Writes &lt;stem&gt;.json and &lt;stem&gt;.md into <paramref name="directory"/> and returns their paths.</summary>
    public (string Json, string Markdown) Write(string directory, string stem)
    {
        Directory.CreateDirectory(directory);
        var jsonPath = Path.Combine(directory, stem + ".json");
        var markdownPath = Path.Combine(directory, stem + ".md");
        File.WriteAllText(jsonPath, JsonSerializer.Serialize(this, Json) + "\n");
        File.WriteAllText(markdownPath, MarkdownReport.Render(this));
        return (jsonPath, markdownPath);
    }
}
