using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Likeness.Bench;

/// <summary>Renders the pipeline section of a <see cref="BenchReport"/>: Likeness against Human and face-api, Likeness by workload, and the faces each found.</summary>
/// <remarks>
/// Rates are items over the timed span (<see cref="ThroughputHarness"/>; bench.mjs counts the same
/// way), latencies are "median (p90)" in milliseconds. The ratio is Likeness's detect + embed rate
/// over the faster peer's in the same configuration; the issue's target is at least 5×.
/// </remarks>
public static class PipelineMarkdown
{
    private static readonly IReadOnlyDictionary<string, string> LibraryNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["human"] = "Human",
        ["faceapi"] = "face-api",
    };

    /// <summary>Appends the section's tables to <paramref name="md"/>.</summary>
    public static void Render(StringBuilder md, BenchReport report)
    {
        RenderComparison(md, report);
        RenderWorkloads(md, report);
        RenderFaces(md, report);
    }

    /// <summary>The peers' package versions and backend, for the report's header.</summary>
    public static string PeersSummary(BenchReport report)
    {
        static string Get(JsonElement element, params string[] path)
        {
            foreach (var name in path)
            {
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element)) return "?";
            }
            return element.ToString();
        }
        var any = report.PipelinePeers.Values.First();
        return $"`bench.mjs` in {report.PipelinePeersDirectory}: Human {Get(any, "versions", "@vladmandic/human")}, face-api {Get(any, "versions", "@vladmandic/face-api")}, " +
               $"tfjs-backend-wasm {Get(any, "versions", "@tensorflow/tfjs-backend-wasm")}, Node {Get(any, "machine", "node")}";
    }

    private static void RenderComparison(StringBuilder md, BenchReport report)
    {
        var images = report.PipelineImages.Count;
        md.AppendLine(CultureInfo.InvariantCulture, $"## Whole pipeline: detect, landmarks and a descriptor for every face, on face-api's {images} sample photos (images/s, decode excluded)");
        md.AppendLine();
        string[] header =
        [
            "configuration", "peers' bench.mjs config", "Likeness img/s", "Human img/s", "face-api img/s", "Likeness ÷ faster peer",
            "Likeness ms/img", "Human ms/img", "face-api ms/img", "Likeness embeddings/s", "others' CPU",
        ];
        MarkdownReport.Row(md, header);
        MarkdownReport.Row(md, header.Select(_ => "---"));
        foreach (var row in report.Pipeline)
        {
            MarkdownReport.Row(md,
            [
                row.Name,
                row.PeerConfig is null ? "—" : $"`{row.PeerConfig}` ({PeerThreads(row)})",
                row.DetectAndEmbed is null ? $"failed: {row.Note}" : Rate(row.DetectAndEmbed.ItemsPerSecond),
                .. LibraryNames.Keys.Select(lib => row.Peers.TryGetValue(lib, out var p) ? Rate(p.ImagesPerSecond) : "—"),
                row.RatioToFasterPeer is { } ratio ? $"**{ratio.ToString("F1", CultureInfo.InvariantCulture)}×**" : "—",
                row.DetectAndEmbed is null ? "—" : MarkdownReport.Cell(row.DetectAndEmbed.Time),
                .. LibraryNames.Keys.Select(lib => row.Peers.TryGetValue(lib, out var p) ? PeerLatency(p) : "—"),
                row.DetectAndEmbedEmbeddingsPerSecond is { } e ? Rate(e) : "—",
                MarkdownReport.Disturbance(row.OthersCpuShare is null ? [] : [row.OthersCpuShare.Value], [row.Attempts]),
            ]);
        }
        RenderBest(md, report);
        md.AppendLine();
    }

    /// <summary>Each side in its own fastest configuration: what 2 cores give each of them.</summary>
    private static void RenderBest(StringBuilder md, BenchReport report)
    {
        var likeness = report.Pipeline.Where(r => r.DetectAndEmbed is not null).MaxBy(r => r.DetectAndEmbed!.ItemsPerSecond);
        var peers = LibraryNames.Keys.ToDictionary(lib => lib, lib => report.Pipeline
            .Select(r => r.Peers.GetValueOrDefault(lib))
            .Where(p => p is not null)
            .MaxBy(p => p!.ImagesPerSecond));
        if (likeness is null || peers.Values.All(p => p is null)) return;
        var fastestPeer = peers.Values.Where(p => p is not null).Max(p => p!.ImagesPerSecond);
        MarkdownReport.Row(md,
        [
            "**each side's fastest**",
            "",
            $"{Rate(likeness.DetectAndEmbed!.ItemsPerSecond)} ({likeness.Name})",
            .. LibraryNames.Keys.Select(lib => peers[lib] is { } p ? $"{Rate(p.ImagesPerSecond)} (`{p.Config}`)" : "—"),
            $"**{(likeness.DetectAndEmbed.ItemsPerSecond / fastestPeer).ToString("F1", CultureInfo.InvariantCulture)}×**",
            "", "", "", "", "",
        ]);
    }

    private static void RenderWorkloads(StringBuilder md, BenchReport report)
    {
        md.AppendLine("## Likeness pipeline by workload (rate over the timed span; ms per item, median (p90))");
        md.AppendLine();
        string[] header =
        [
            "configuration", "DetectFaces img/s", "DetectFaces ms", "decode + DetectFaces img/s", "decode + DetectFaces ms",
            "detector only img/s", "detector only ms", "detect + embed img/s", "detect + embed ms", "embeddings/s (detect + embed)", "embedding only: embeddings/s", "ms per embedding",
            "DetectFaces B/img", "others' CPU",
        ];
        MarkdownReport.Row(md, header);
        MarkdownReport.Row(md, header.Select(_ => "---"));
        foreach (var row in report.Pipeline)
        {
            MarkdownReport.Row(md,
            [
                row.Name,
                RateOf(row.DetectFaces), Latency(row.DetectFaces),
                RateOf(row.DetectFacesWithDecode), Latency(row.DetectFacesWithDecode),
                RateOf(row.DetectOnly), Latency(row.DetectOnly),
                RateOf(row.DetectAndEmbed), Latency(row.DetectAndEmbed),
                row.DetectAndEmbedEmbeddingsPerSecond is { } e ? Rate(e) : "—",
                RateOf(row.EmbedOnly), Latency(row.EmbedOnly),
                row.DetectFaces?.AllocatedBytesPerItem.ToString("N0", CultureInfo.InvariantCulture) ?? "—",
                MarkdownReport.Disturbance(row.OthersCpuShare is null ? [] : [row.OthersCpuShare.Value], [row.Attempts]),
            ]);
        }
        md.AppendLine();
        var first = report.Pipeline.FirstOrDefault(r => r.DetectAndEmbed is not null);
        if (first is not null)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"{first.FacesPerPass} faces in the {first.ImagesPerPass} photos; each embedding is the default embedder (`{report.PipelineEmbedder ?? "?"}`). " +
                $"With 2 callers, rates are both callers together and latencies are each call's own.");
            md.AppendLine();
        }
    }

    private static void RenderFaces(StringBuilder md, BenchReport report)
    {
        md.AppendLine("## Faces found per photo");
        md.AppendLine();
        string[] header = ["image", "pixels", "Likeness (DetectFaces)", .. LibraryNames.Values];
        MarkdownReport.Row(md, header);
        MarkdownReport.Row(md, header.Select(_ => "---"));
        foreach (var image in report.PipelineImages)
        {
            MarkdownReport.Row(md,
            [
                image.Image,
                image.Width == 0 ? "" : $"{image.Width}×{image.Height}",
                image.LikenessFaces?.ToString(CultureInfo.InvariantCulture) ?? "—",
                .. LibraryNames.Keys.Select(lib => image.PeerFaces.TryGetValue(lib, out var n) ? n.ToString(CultureInfo.InvariantCulture) : "—"),
            ]);
        }
        MarkdownReport.Row(md,
        [
            "**total**",
            "",
            Total(report.PipelineImages.Select(i => i.LikenessFaces)),
            .. LibraryNames.Keys.Select(lib => Total(report.PipelineImages.Select(i => i.PeerFaces.TryGetValue(lib, out var n) ? n : (int?)null))),
        ]);
        md.AppendLine();
    }

    private static string PeerThreads(PipelineRow row)
    {
        var threads = row.Peers.Values.FirstOrDefault()?.WasmThreads;
        if (threads is null) return "no peer result";
        return threads.Count == 1 ? $"{threads[0]} wasm thread{(threads[0] == 1 ? "" : "s")}" : $"{threads.Count} processes × {threads[0]} wasm thread{(threads[0] == 1 ? "" : "s")}";
    }

    private static string PeerLatency(PeerPipelineResult peer) =>
        peer.P90Ms is { } p90
            ? $"{MarkdownReport.Ms(peer.MedianMs[0])} ({MarkdownReport.Ms(p90)})"
            : string.Join(" / ", peer.MedianMs.Select(MarkdownReport.Ms));

    private static string RateOf(PipelineMeasurement? m) => m is null ? "—" : Rate(m.ItemsPerSecond);

    private static string Latency(PipelineMeasurement? m) => m is null ? "—" : MarkdownReport.Cell(m.Time);

    private static string Rate(double perSecond) => perSecond.ToString(perSecond < 10 ? "F2" : "F1", CultureInfo.InvariantCulture);

    private static string Total(IEnumerable<int?> counts)
    {
        var list = counts.ToList();
        return list.Any(c => c is null) ? "—" : list.Sum()!.Value.ToString(CultureInfo.InvariantCulture);
    }
}
