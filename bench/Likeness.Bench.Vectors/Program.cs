using System.Diagnostics;
using System.Globalization;
using System.Text;
using Likeness.Bench.Vectors;
using Likeness.Vectors;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var arguments = BenchArguments.Parse(args);
var report = new StringBuilder();
report.AppendLine($"## Vector index ({DateTime.Now:yyyy-MM-dd HH:mm}, {Environment.ProcessorCount} cores, {CpuModel()}, dimension {arguments.Dimension}, {arguments.Queries} queries)");
report.AppendLine();
var options = new VectorIndexOptions();
report.AppendLine($"Default options: ApproximateAbove {options.ApproximateAbove}, Probes {options.Probes}, MaxListSize {options.MaxListSize}, re-score max(2k, k+64) candidates. Latencies in ms, one thread; throughput: 2 threads, k = 10.");
report.AppendLine();

// --real alone runs only the real-embedding benchmark; with --sizes as well, the synthetic sets run too.
// The real vectors are loaded first so a missing data folder or model fails before minutes of synthetic runs.
var realFaces = arguments.Real ? RealFaceSet.Load(RealFaceSet.FindRoot(arguments.RealData), arguments.CacheDirectory) : null;
foreach (int size in arguments.Real && !arguments.SizesGiven ? [] : arguments.Sizes)
{
    foreach (string setName in arguments.Sets)
    {
        var set = setName switch
        {
            "uniform" => SyntheticSets.Uniform(size, arguments.Queries, arguments.Dimension, 1),
            "identities" => SyntheticSets.Identities(size, arguments.Queries, arguments.Dimension, arguments.PerIdentity, 2),
            _ => throw new ArgumentException($"unknown set {setName}"),
        };
        report.Append(RunOne(set, arguments));
    }
}

if (realFaces is not null) report.Append(RealBench.Run(realFaces, arguments));

string markdown = report.ToString();
Console.Write(markdown);
Directory.CreateDirectory(arguments.Out);
string outPath = Path.Combine(arguments.Out, $"vectors-{DateTime.Now:yyyyMMdd-HHmmss}.md");
File.WriteAllText(outPath, markdown);
Console.Error.WriteLine($"[vectors] wrote {outPath}");
return 0;

static string RunOne(VectorSet set, BenchArguments arguments)
{
    string label = $"{set.Name} {set.Count:N0}";
    string directory = Path.Combine(arguments.WorkDirectory, $"{set.Name.Split(' ')[0]}-{set.Count}");
    if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);

    var build = Stopwatch.StartNew();
    using (var index = VectorIndex.Create(directory, set.Dimension))
    {
        for (int i = 0; i < set.Count; i++)
        {
            index.Add(i, set.Row(i));
            if (i % 10_000 == 0) Progress($"{label}: adding {i:N0}/{set.Count:N0}");
        }
        build.Stop();
        var save = Stopwatch.StartNew();
        index.Save(set.Count);
        save.Stop();
        var text = new StringBuilder();
        text.AppendLine($"### {label}");
        text.AppendLine();
        text.AppendLine($"Build (Create + {set.Count:N0} Add): {build.Elapsed.TotalSeconds:F1} s; Save: {save.Elapsed.TotalSeconds:F2} s; {index.ListCount} lists.");
        Shared.Text = text;
    }

    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    long heapBefore = GC.GetTotalMemory(forceFullCollection: true);
    long rssBefore = Rss();
    var open = Stopwatch.StartNew();
    using var opened = VectorIndex.Open(directory);
    open.Stop();
    long heapAfter = GC.GetTotalMemory(forceFullCollection: true);
    long rssAfter = Rss();
    var quick = Stopwatch.StartNew();
    opened.Dispose();
    using var unverified = VectorIndex.Open(directory, new VectorIndexOptions { VerifyVectorsOnOpen = false });
    quick.Stop();

    long snapshotBytes = new FileInfo(Path.Combine(directory, "index.snapshot")).Length;
    long vectorBytes = new FileInfo(Path.Combine(directory, "vectors.f32")).Length;
    var sb = Shared.Text!;
    sb.AppendLine($"Startup (Open): {open.Elapsed.TotalSeconds:F2} s verifying every float vector, {quick.Elapsed.TotalSeconds:F2} s without (`VerifyVectorsOnOpen = false`); page cache warm.");
    sb.AppendLine($"RAM per face after Open: {(heapAfter - heapBefore) / (double)set.Count:F0} B managed heap (GC.GetTotalMemory delta; no native allocations), {unverified.HeapBytes / (double)set.Count:F0} B counted from the index's arrays, {(rssAfter - rssBefore) / (double)set.Count:F0} B process RSS delta. On disk: snapshot {snapshotBytes / (double)set.Count:F0} B/face, float vectors {vectorBytes / (double)set.Count:F0} B/face (read through the page cache with pread).");
    sb.AppendLine();

    var truth = GroundTruth.Compute(set, 100, n => { if (n % 20 == 0) Progress($"{label}: ground truth {n}/{set.QueryCount}"); });

    sb.AppendLine("| mode | p50 top-1 | p99 top-1 | p50 top-10 | p50 top-100 | p99 top-100 | q/s, 2 threads | recall@1 | recall@10 | recall@100 |");
    sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    var rows = new List<SearchRow>();
    Progress($"{label}: exact int8");
    rows.Add(SearchMeasurement.Measure(unverified, set, truth, "exact int8 scan (every list)", int.MaxValue, full: true));
    if (unverified.ListCount > unverified.Options.Probes)
    {
        Progress($"{label}: approximate");
        rows.Add(SearchMeasurement.Measure(unverified, set, truth, $"approximate, {unverified.Options.Probes} of {unverified.ListCount} lists (default probes)", unverified.Options.Probes, full: true));
        foreach (int probes in arguments.ProbeSweep.Where(p => p < unverified.ListCount && p != unverified.Options.Probes))
        {
            Progress($"{label}: {probes} probes");
            rows.Add(SearchMeasurement.Measure(unverified, set, truth, $"approximate, {probes} of {unverified.ListCount} lists", probes, full: false));
        }
    }
    foreach (var r in rows)
    {
        sb.AppendLine($"| {r.Mode} | {r.P50Top1:F2} | {r.P99Top1:F2} | {r.P50Top10:F2} | {Cell(r.P50Top100)} | {Cell(r.P99Top100)} | {Cell(r.Throughput2, "F0")} | {r.Recall1:F4} | {r.Recall10:F4} | {Cell(r.Recall100, "F4")} |");
    }
    sb.AppendLine();
    unverified.Dispose();
    Directory.Delete(directory, recursive: true);
    Progress($"{label}: done");
    Console.Error.WriteLine();
    return sb.ToString();
}

static string Cell(double value, string format = "F2") => double.IsNaN(value) ? "" : value.ToString(format);

static void Progress(string line) => Console.Error.Write($"\r[vectors] {line,-70}");

static long Rss()
{
    foreach (string line in File.ReadLines("/proc/self/status"))
    {
        if (line.StartsWith("VmRSS:")) return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }
    return 0;
}

static string CpuModel()
{
    try
    {
        return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
    }
    catch (IOException)
    {
        return "unknown CPU";
    }
}

/// <summary>Carries the section text from the build scope to the measurement scope.</summary>
internal static class Shared
{
    public static StringBuilder? Text { get; set; }
}
