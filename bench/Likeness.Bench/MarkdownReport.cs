using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Likeness.Bench;

/// <summary>Renders a <see cref="BenchReport"/> as the Markdown tables docs/PERFORMANCE.md quotes.</summary>
/// <remarks>
/// Cells are "median (p90)" in milliseconds; a ratio is the peer's median divided by Likeness's at the
/// same thread count, so above 1 means Likeness is faster. "others' CPU" is the largest share of the
/// machine's CPU other processes took while the row was measured (see <see cref="BenchRun"/>). Decoding also shows the minimum: a decode
/// returns a new multi-megabyte array, and whether that lands on memory the process already touched
/// moves single runs by more than the decode itself takes on some VMs (see docs/PERFORMANCE.md).
/// </remarks>
public static class MarkdownReport
{
    public static string Render(BenchReport report)
    {
        var md = new StringBuilder();
        var machine = report.Machine;
        md.AppendLine(CultureInfo.InvariantCulture, $"# Likeness benchmark, {report.Started:yyyy-MM-dd HH:mm zzz}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- machine: {machine.LogicalCores} logical cores (`nproc`), {machine.CpuModel}, {machine.MemoryBytes / (1L << 30)} GiB, {machine.OperatingSystem}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- .NET: {machine.Framework}; ONNX Runtime {report.OnnxRuntime ?? "not loaded"}");
        foreach (var (key, peer) in report.Peer) md.AppendLine(CultureInfo.InvariantCulture, $"- peer ({key}): {PeerSummary(peer)}");
        if (report.PipelinePeers.Count > 0) md.AppendLine(CultureInfo.InvariantCulture, $"- pipeline peers: {PipelineMarkdown.PeersSummary(report)}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- arguments: {(report.Options.Arguments.Count == 0 ? "none" : $"`{string.Join(' ', report.Options.Arguments)}`")}; {report.Options.Warmup} warm-up + {report.Options.Reps} timed runs per cell{(report.Pipeline.Count > 0 ? $", pipeline {report.Options.PipelineWarmup} warm-up runs + {report.Options.Passes} timed passes over the photos per side" : "")}; took {(report.Finished - report.Started).TotalMinutes:F1} min");
        md.AppendLine(CultureInfo.InvariantCulture, $"- a Likeness/peer pair is measured again (up to {report.Options.Attempts} attempts) when other processes took more than {Percent(report.Options.MaxOthersCpuShare)} of the CPU meanwhile");
        md.AppendLine(CultureInfo.InvariantCulture, $"- CPU idle machine-wide: {Percent(report.IdleBefore)} in the second before the run, {Percent(report.IdleAfter)} in the second after");
        foreach (var note in report.Notes) md.AppendLine(CultureInfo.InvariantCulture, $"- note: {note}");
        md.AppendLine();

        if (report.Models.Count > 0) RenderModels(md, report);
        if (report.Decoding.Count > 0) RenderDecoding(md, report);
        if (report.Pipeline.Count > 0) PipelineMarkdown.Render(md, report);
        return md.ToString();
    }

    private static void RenderModels(StringBuilder md, BenchReport report)
    {
        var threads = report.Options.Threads;
        md.AppendLine("## Model inference, batch 1 (ms, median (p90))");
        md.AppendLine();
        var header = new List<string> { "model", "input" };
        header.AddRange(threads.Select(t => $"Likeness ORT {t}t"));
        header.AddRange(threads.Select(t => $"TF.js wasm {t}t"));
        header.AddRange(threads.Select(t => $"peer ÷ Likeness {t}t"));
        header.Add($"Likeness B/op ({threads[0]}t)");
        header.Add("others' CPU");
        Row(md, header);
        Row(md, header.Select(_ => "---"));
        foreach (var model in report.Models)
        {
            var name = model.Status == "unpinned" ? $"{model.Name} (unpinned)" : model.Name;
            if (!model.Measurable && model.Likeness.Count == 0)
            {
                Row(md, [name, $"{model.Status}: {model.Note}", .. header.Skip(2).Select(_ => "")]);
                continue;
            }
            var cells = new List<string> { name, model.InputShape is null ? "" : string.Join('×', model.InputShape) };
            cells.AddRange(threads.Select(t => model.Likeness.TryGetValue(t, out var m) ? Cell(m.Time) : "—"));
            cells.AddRange(threads.Select(t => model.Peer.TryGetValue(t, out var p) ? Cell(p.Statistics) : "—"));
            cells.AddRange(threads.Select(t => Ratio(model.Peer.GetValueOrDefault(t)?.Statistics, model.Likeness.GetValueOrDefault(t)?.Time)));
            cells.Add(model.Likeness.TryGetValue(threads[0], out var first) ? first.AllocatedBytesPerOp.ToString("N0", CultureInfo.InvariantCulture) : "—");
            cells.Add(Disturbance(model.OthersCpuShare.Values, model.Attempts.Values));
            Row(md, cells);
        }
        md.AppendLine();
    }

    private static void RenderDecoding(StringBuilder md, BenchReport report)
    {
        md.AppendLine("## JPEG decoding to RGB24, full size (ms, median (p90))");
        md.AppendLine();
        string[] header = ["image", "pixels", "Likeness ImageDecoder", "jpeg-js (peer)", "peer ÷ Likeness", "Likeness min", "jpeg-js min", "Likeness B/op", "page faults/op Likeness", "page faults/op jpeg-js", "others' CPU"];
        Row(md, header);
        Row(md, header.Select(_ => "---"));
        foreach (var row in report.Decoding)
        {
            Row(md,
            [
                row.Image,
                row.Width == 0 ? "" : $"{row.Width}×{row.Height}",
                row.Likeness is null ? $"failed: {row.Note}" : Cell(row.Likeness.Time),
                row.Peer is null ? "—" : Cell(row.Peer.Statistics),
                Ratio(row.Peer?.Statistics, row.Likeness?.Time),
                row.Likeness is null ? "—" : Ms(row.Likeness.Time.MinMs),
                row.Peer is null ? "—" : Ms(row.Peer.MinMs),
                row.Likeness?.AllocatedBytesPerOp.ToString("N0", CultureInfo.InvariantCulture) ?? "—",
                Count(row.Likeness?.MinorFaultsPerOp),
                Count(row.Peer?.MinorFaultsPerOp),
                Disturbance(row.OthersCpuShare is null ? [] : [row.OthersCpuShare.Value], [row.Attempts]),
            ]);
        }
        md.AppendLine();
    }

    internal static void Row(StringBuilder md, IEnumerable<string> cells) => md.AppendLine($"| {string.Join(" | ", cells)} |");

    internal static string Cell(SampleStatistics s) => $"{Ms(s.MedianMs)} ({Ms(s.P90Ms)})";

    internal static string Ms(double ms) => ms.ToString(ms < 10 ? "F2" : "F1", CultureInfo.InvariantCulture);

    private static string Ratio(SampleStatistics? peer, SampleStatistics? likeness) =>
        peer is null || likeness is null ? "—" : (peer.MedianMs / likeness.MedianMs).ToString("F2", CultureInfo.InvariantCulture) + "×";

    /// <summary>The largest share of the CPU other processes took during a row's measurements, and the most attempts any of them needed.</summary>
    internal static string Disturbance(IEnumerable<double> shares, IEnumerable<int> attempts)
    {
        var worst = shares.DefaultIfEmpty(0).Max();
        var tries = attempts.DefaultIfEmpty(1).Max();
        return Percent(worst) + (tries > 1 ? $" ({tries} attempts)" : "");
    }

    private static string Count(double? value) => value is null ? "—" : value.Value.ToString("N0", CultureInfo.InvariantCulture);

    internal static string Percent(double? fraction) => fraction is null ? "n/a" : fraction.Value.ToString("P0", CultureInfo.InvariantCulture);

    private static string PeerSummary(JsonElement peer)
    {
        string Get(JsonElement element, string name) => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) ? v.ToString() : "?";
        var backend = peer.TryGetProperty("backend", out var b) ? b : default;
        if (backend.ValueKind != JsonValueKind.Object) return $"Node {Get(peer, "node")}, jpeg-js {Get(peer, "jpeg_js")}";
        return $"Node {Get(peer, "node")}, tfjs {Get(peer, "tfjs")} on {Get(backend, "name")} ({Get(backend, "wasm_binary")}, {Get(backend, "wasm_threads")} thread(s)), " +
               $"face-api {Get(peer, "face_api")}";
    }
}
