using System.Text.Json;
using System.Text.Json.Serialization;

namespace Likeness.Bench;

/// <summary>What one run of the peer script printed: its versions and backend, its timings, and the CPU time it used.</summary>
/// <param name="Peer">Node, tfjs, wasm build and thread count, kept as printed for the results file.</param>
/// <param name="CpuMs">The Node process's user + system CPU time, all threads, from start to report.</param>
public sealed record PeerReport(
    [property: JsonPropertyName("peer")] JsonElement Peer,
    [property: JsonPropertyName("models")] IReadOnlyList<PeerTiming> Models,
    [property: JsonPropertyName("decoding")] IReadOnlyList<PeerTiming> Decoding,
    [property: JsonPropertyName("cpu_ms")] double CpuMs);
