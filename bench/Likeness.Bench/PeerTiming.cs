using System.Text.Json.Serialization;

namespace Likeness.Bench;

/// <summary>One timing printed by bench/peer/tfjs-models.mjs: a model (Name) or a decoded photo (Image), with the Node process's minor page faults per op.</summary>
public sealed record PeerTiming(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("image")] string? Image,
    [property: JsonPropertyName("reps")] int Reps,
    [property: JsonPropertyName("median_ms")] double MedianMs,
    [property: JsonPropertyName("p90_ms")] double P90Ms,
    [property: JsonPropertyName("min_ms")] double MinMs,
    [property: JsonPropertyName("mean_ms")] double MeanMs,
    [property: JsonPropertyName("minor_faults_per_op")] double? MinorFaultsPerOp,
    [property: JsonPropertyName("leaked_tensors")] int LeakedTensors)
{
    public SampleStatistics Statistics => new(Reps, MedianMs, P90Ms, MinMs, MeanMs);
}
