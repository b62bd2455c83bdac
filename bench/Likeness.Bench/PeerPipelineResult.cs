using System.Text.Json;

namespace Likeness.Bench;

/// <summary>One configuration of /work/shared/peers/bench.mjs for one library: detect + landmarks + descriptor of every face, decode excluded.</summary>
/// <param name="Library">bench.mjs's --lib: "human" or "faceapi".</param>
/// <param name="Config">bench.mjs's configuration: "default" (1 wasm thread), "t2" (2 threads forced) or "procs2" (two "default" processes at once).</param>
/// <param name="ImagesPerSecond">Its images_per_s (procs2: images_per_s_aggregate), timed runs over the wall time of its timed loop.</param>
/// <param name="MedianMs">Median ms per image, one per process (two for procs2).</param>
/// <param name="P90Ms">90th percentile ms per image; procs2 reports none.</param>
/// <param name="WasmThreads">Threads of tfjs's wasm backend, per process.</param>
/// <param name="FacesPerImage">Faces found per photo; procs2 reports none.</param>
/// <param name="Raw">The configuration's entry in bench.mjs's summary, as printed.</param>
public sealed record PeerPipelineResult(
    string Library,
    string Config,
    double ImagesPerSecond,
    IReadOnlyList<double> MedianMs,
    double? P90Ms,
    IReadOnlyList<int> WasmThreads,
    IReadOnlyDictionary<string, int>? FacesPerImage,
    JsonElement Raw)
{
    /// <summary>Reads bench.mjs's entry for <paramref name="config"/>; throws <see cref="JsonException"/> when it is not the shape bench.mjs writes.</summary>
    public static PeerPipelineResult Parse(string library, string config, JsonElement entry)
    {
        if (config == "procs2")
        {
            return new PeerPipelineResult(
                library,
                config,
                Number(entry, "images_per_s_aggregate"),
                [.. Array(entry, "ms_per_image_median_each").Select(e => e.GetDouble())],
                null,
                [.. Array(entry, "wasm_threads_each").Select(e => e.GetInt32())],
                null,
                entry.Clone());
        }
        var ms = Property(entry, "ms_per_image");
        var faces = Property(entry, "faces_per_image").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32(), StringComparer.Ordinal);
        return new PeerPipelineResult(
            library,
            config,
            Number(entry, "images_per_s"),
            [Number(ms, "median")],
            Number(ms, "p90"),
            [Property(entry, "wasm_threads").GetInt32()],
            faces,
            entry.Clone());
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : throw new JsonException($"no \"{name}\" in bench.mjs's result");

    private static double Number(JsonElement element, string name) => Property(element, name).GetDouble();

    private static JsonElement.ArrayEnumerator Array(JsonElement element, string name) => Property(element, name).EnumerateArray();
}
