using System.Diagnostics;
using System.Globalization;
using System.Text;
using Likeness.Bench.Console;
using Likeness.Server;

// likeness-bench-console: the web console's cold load in a fresh headless Chromium per run, against the floor of the
// same cold load of /healthz (one small text response) from the same server, and a warm reload. The server runs in
// this process on loopback over a temporary data directory, signed into with its development key. Usage errors exit 2.
var runs = 15;
var warmup = 1;
var outDirectory = Path.Combine("bench", "results");
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    try
    {
        switch (args[i])
        {
            case "--runs": runs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
            case "--warmup": warmup = int.Parse(Next(), CultureInfo.InvariantCulture); break;
            case "--out": outDirectory = Next(); break;
            default: throw new ArgumentException($"unknown option {args[i]}");
        }
        if (runs < 1 || warmup < 0) throw new ArgumentException("--runs must be at least 1 and --warmup at least 0");
    }
    catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
    {
        Console.Error.WriteLine($"likeness-bench-console: {e.Message}. Usage: [--runs N] [--warmup N] [--out DIR]");
        return 2;
    }
}

// The server logs every request at Information to stderr; in this process that would bury the progress line.
// The ordinary .NET configuration key quiets it, unless the caller set it.
if (Environment.GetEnvironmentVariable("Logging__LogLevel__Default") is null) Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
var root = Path.Combine(Path.GetTempPath(), $"likeness-bench-console-{Guid.NewGuid():N}");
var startClock = Stopwatch.StartNew();
var server = await LikenessServer.StartAsync(new ServerOptions { DataDirectory = Path.Combine(root, "data"), Port = 0 });
var started = startClock.Elapsed;
var key = server.DevelopmentKey ?? throw new InvalidOperationException("A fresh data directory should have made a development key.");
var consoleUrl = new Uri(server.Endpoint, "/console/");
var healthz = new Uri(server.Endpoint, "/healthz");

// Each measure's values over the timed runs, in the order the table shows them.
var times = new List<(string Name, List<double> Values)>();
var sizes = new List<(string Name, List<double> Requests, List<double> Transfer, List<double> Encoded)>();
void Time(string name, double value)
{
    var row = times.Find(t => t.Name == name);
    if (row.Name is null) times.Add(row = (name, []));
    row.Values.Add(value);
}
void Size(string name, ColdBrowser.PageSnapshot s)
{
    var row = sizes.Find(r => r.Name == name);
    if (row.Name is null) sizes.Add(row = (name, [], [], []));
    row.Requests.Add(s.Requests);
    row.Transfer.Add(s.TransferSize);
    row.Encoded.Add(s.EncodedBodySize);
}

string? chromium = null;
try
{
    for (var run = -warmup; run < runs; run++)
    {
        Console.Error.Write($"\r{(run < 0 ? "warm-up" : $"run {run + 1}/{runs}")}   ");
        ColdBrowser.PageSnapshot floor, cold, signedIn, warm;
        using (var browser = new ColdBrowser())
        {
            floor = browser.Open(healthz, _ => true);
        }
        using (var browser = new ColdBrowser())
        {
            chromium ??= browser.Version;
            cold = browser.Open(consoleUrl, s => s.FirstHeading > 0);
            signedIn = browser.SignIn(key);
            warm = browser.Reload();
        }
        if (run < 0) continue;
        Time("/healthz, cold: responseStart", floor.ResponseStart);
        Time("/healthz, cold: loadEventEnd", floor.Load);
        Time("console, cold: responseStart", cold.ResponseStart);
        Time("console, cold: domContentLoadedEventEnd", cold.DomContentLoaded);
        Time("console, cold: loadEventEnd", cold.Load);
        Time("console, cold: sign-in form's h1 in the DOM", cold.FirstHeading);
        Time("sign in: click → WhoAmI request starts (signed in JS)", signedIn.WhoAmISent - signedIn.Clicked);
        Time("sign in: click → WhoAmI answered", signedIn.WhoAmIAnswered - signedIn.Clicked);
        Time("sign in: click → Analyse h1 in the DOM", signedIn.Analyse - signedIn.Clicked);
        Time("sign in: click → Analyse complete (GetCalibration shown)", signedIn.Complete - signedIn.Clicked);
        Time("console, warm reload: responseStart", warm.ResponseStart);
        Time("console, warm reload: domContentLoadedEventEnd", warm.DomContentLoaded);
        Time("console, warm reload: loadEventEnd", warm.Load);
        Time("console, warm reload: Analyse h1 in the DOM", warm.Analyse);
        Time("console, warm reload: Analyse complete (GetCalibration shown)", warm.Complete);
        Size("/healthz, cold", floor);
        Size("console, cold, to the sign-in form", cold);
        Size("console, cold, through sign-in to Analyse complete", signedIn);
        Size("console, warm reload, to Analyse complete", warm);
    }
    Console.Error.WriteLine();
}
finally
{
    await server.DisposeAsync();
    try
    {
        Directory.Delete(root, recursive: true);
    }
    catch (IOException)
    {
        // A file still held open by a process going away; the temporary directory is harmless.
    }
}

var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "unknown CPU";
var report = new StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"## Web console cold load ({DateTime.Now:yyyy-MM-dd HH:mm}, {Environment.ProcessorCount} cores, {cpu}, Chromium {chromium})");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture,
    $"{runs} runs after {warmup} untimed, each with two fresh headless Chromiums (new profile, empty HTTP cache); loopback, server in the bench process, started in {started.TotalSeconds:F1} s.");
report.AppendLine("Times in ms from the document's navigation start, except sign in (from the click on \"Sign in\"); in-page performance.now() and Navigation Timing.");
report.AppendLine();
report.AppendLine("| measure | median ms | p90 ms | min ms |");
report.AppendLine("|---|---:|---:|---:|");
foreach (var (name, values) in times)
{
    values.Sort();
    report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Percentile(values, 0.5):F0} | {Percentile(values, 0.9):F0} | {values[0]:F0} |");
}
report.AppendLine();
report.AppendLine("| load (Resource + Navigation Timing) | requests | transferSize bytes | encodedBodySize bytes |");
report.AppendLine("|---|---:|---:|---:|");
foreach (var (name, requests, transfer, encoded) in sizes)
{
    report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Median(requests)} | {Median(transfer)} | {Median(encoded)} |");
}
report.AppendLine();
report.AppendLine("Sizes are medians over the runs (a range where runs differed); transferSize counts response headers and body, a 304 its headers only; fetch calls (WhoAmI, GetCalibration) count their responses.");
report.AppendLine();
report.AppendLine("Command: `bash bench/console.sh" + (args.Length > 0 ? " " + string.Join(' ', args) : "") + "`.");

Directory.CreateDirectory(outDirectory);
var path = Path.Combine(outDirectory, $"console-{DateTime.Now:yyyyMMdd-HHmmss}.md");
File.WriteAllText(path, report.ToString());
Console.Out.Write(report);
Console.Error.WriteLine($"wrote {path}");
return 0;

// Nearest rank, as the other harnesses here.
static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

static string Median(List<double> values)
{
    var sorted = values.Order().ToList();
    var median = Percentile(sorted, 0.5).ToString("N0", CultureInfo.InvariantCulture);
    return sorted[0] == sorted[^1] ? median : string.Create(CultureInfo.InvariantCulture, $"{median} ({sorted[0]:N0}–{sorted[^1]:N0})");
}
