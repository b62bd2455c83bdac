using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Likeness.Bench.Server;
using Likeness.Collections;
using Likeness.Collections.Storage;
using Likeness.Models.Assets;
using Likeness.Models.Catalog;
using Likeness.Server;
using Likeness.Server.Auth;
using Likeness.Vision.Faces.Analysis;
using Likeness.Vision.Faces.Quality;

// likeness-bench-server: the service under load from a loopback client on the same machine (so client
// and server share the cores, as a single-box deployment would). Usage errors exit 2.
var faces = 1_000_000;
var concurrency = new[] { 1, 2, 4 };
var seconds = 20.0;
var dataDirectory = Path.Combine(Path.GetTempPath(), "likeness-bench-server");
var outDirectory = Path.Combine("bench", "results");
var threads = ServerOptions.DefaultIntraOpThreads;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    try
    {
        switch (args[i])
        {
            case "--faces": faces = int.Parse(Next(), CultureInfo.InvariantCulture); break;
            case "--concurrency": concurrency = Next().Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray(); break;
            case "--seconds": seconds = double.Parse(Next(), CultureInfo.InvariantCulture); break;
            case "--data-dir": dataDirectory = Next(); break;
            case "--out": outDirectory = Next(); break;
            case "--threads": threads = int.Parse(Next(), CultureInfo.InvariantCulture); break;
            default: throw new ArgumentException($"unknown option {args[i]}");
        }
    }
    catch (Exception e) when (e is ArgumentException or FormatException)
    {
        Console.Error.WriteLine($"likeness-bench-server: {e.Message}. Usage: [--faces N] [--concurrency 1,2,4] [--seconds S] [--data-dir DIR] [--out DIR] [--threads N]");
        return 2;
    }
}

const string Collection = "bench";
var report = new StringBuilder();
var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "unknown CPU";
report.AppendLine(CultureInfo.InvariantCulture, $"## Service under load ({DateTime.Now:yyyy-MM-dd HH:mm}, {Environment.ProcessorCount} cores, {cpu})");
report.AppendLine();

// 1. The gallery: an account with a key, and a collection of `faces` synthetic faces (vectors of the
// default model's dimension and norm), added straight through the library in batches.
var key = BenchKey(dataDirectory);
using (var database = CollectionDatabase.Open(dataDirectory))
using (var service = new CollectionService(database, FaceModel.Default, pipeline: null))
{
    if (!service.ListCollections(key.AccountId).CollectionIds.Contains(Collection)) service.CreateCollection(key.AccountId, Collection);
    var have = service.DescribeCollection(key.AccountId, Collection).FaceCount;
    var random = new Random(1);
    var clock = Stopwatch.StartNew();
    for (var added = have; added < faces; added += 5000)
    {
        var batch = Enumerable.Range(0, (int)Math.Min(5000, faces - added)).Select(_ => new NewFace(new FaceBoundingBox(0.1, 0.1, 0.3, 0.3), 99, new FaceQuality(50, 50), UnitVector(random))).ToList();
        service.AddFaces(key.AccountId, Collection, batch, "synthetic");
        Console.Error.Write($"\rgallery: {added + batch.Count:N0}/{faces:N0} faces ({clock.Elapsed.TotalSeconds:F0} s)");
    }
    Console.Error.WriteLine();
    if (have < faces) report.AppendLine(CultureInfo.InvariantCulture, $"Gallery built through the library: {faces - have:N0} faces in {clock.Elapsed.TotalSeconds:F0} s (SQLite, one transaction per 5,000).");
}

// 2. The server, in this process, on a free loopback port.
var startClock = Stopwatch.StartNew();
await using var server = await LikenessServer.StartAsync(new ServerOptions { DataDirectory = dataDirectory, Port = 0, RequestsPerSecondPerKey = 1e6, BurstPerKey = 1_000_000, IntraOpThreads = threads });
var started = startClock.Elapsed;
var signer = new SigV4Signer(key.AccessKeyId, key.SecretAccessKey, "us-east-1");
using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
var assets = InstalledAssets.Default();
string Photo(int n) => Convert.ToBase64String(File.ReadAllBytes(assets.PackageFile(ModelCatalog.FaceApi, $"demo/sample{n}.jpg")));

// Real faces too, so SearchFacesByImage has true matches among the synthetic ones.
var index = JsonSerializer.SerializeToUtf8Bytes(new { CollectionId = Collection, Image = new { Bytes = Photo(2) }, ExternalImageId = "sample2" });
var firstSearch = Stopwatch.StartNew();
await Send("IndexFaces", index);
var indexed = firstSearch.Elapsed;
report.AppendLine(CultureInfo.InvariantCulture, $"ONNX Runtime threads per model run: {(threads == 0 ? Environment.ProcessorCount : threads)} (`--threads`). Server start (models, stores): {started.TotalSeconds:F1} s; first IndexFaces into the {faces:N0}-face collection (opens its vector index): {indexed.TotalSeconds:F1} s.");
report.AppendLine();
report.AppendLine("| operation | concurrent clients | requests/s | p50 ms | p99 ms | requests | errors |");
report.AppendLine("|---|---:|---:|---:|---:|---:|---:|");

var operations = new (string Name, byte[] Body)[]
{
    ("DetectFaces", JsonSerializer.SerializeToUtf8Bytes(new { Image = new { Bytes = Photo(1) } })),
    ("CompareFaces", JsonSerializer.SerializeToUtf8Bytes(new { SourceImage = new { Bytes = Photo(2) }, TargetImage = new { Bytes = Photo(1) } })),
    ("SearchFacesByImage", JsonSerializer.SerializeToUtf8Bytes(new { CollectionId = Collection, Image = new { Bytes = Photo(2) }, MaxFaces = 10 })),
};
foreach (var (name, body) in operations)
{
    for (var w = 0; w < 3; w++) await Send(name, body);
    foreach (var clients in concurrency)
    {
        var latencies = new List<double>();
        var errors = 0;
        var clock = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (clock.Elapsed < deadline)
            {
                var t = Stopwatch.StartNew();
                var ok = await Send(name, body, throwOnError: false);
                lock (latencies)
                {
                    latencies.Add(t.Elapsed.TotalMilliseconds);
                    if (!ok) errors++;
                }
            }
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        latencies.Sort();
        var line = string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {clients} | {latencies.Count / elapsed:F2} | {Percentile(latencies, 0.5):F0} | {Percentile(latencies, 0.99):F0} | {latencies.Count} | {errors} |");
        report.AppendLine(line);
        Console.Error.WriteLine(line);
    }
}
report.AppendLine();
report.AppendLine("Command: `bash bench/server.sh` (" + string.Join(' ', args) + "). Client and server share the machine's cores; p99 over fewer than 100 requests is the slowest request.");

Directory.CreateDirectory(outDirectory);
var path = Path.Combine(outDirectory, $"server-{DateTime.Now:yyyyMMdd-HHmmss}.md");
File.WriteAllText(path, report.ToString());
Console.Out.Write(report);
Console.Error.WriteLine($"wrote {path}");
return 0;

async Task<bool> Send(string operation, byte[] body, bool throwOnError = true)
{
    using var response = await http.SendAsync(signer.Request(server.Endpoint, operation, body));
    var text = await response.Content.ReadAsStringAsync();
    if (response.IsSuccessStatusCode) return true;
    if (throwOnError) throw new InvalidOperationException($"{operation} answered {(int)response.StatusCode}: {text}");
    return false;
}

static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

static float[] UnitVector(Random random)
{
    var v = new float[128];
    double sum = 0;
    for (var i = 0; i < v.Length; i++)
    {
        v[i] = (float)(random.NextDouble() * 2 - 1);
        sum += v[i] * v[i];
    }
    var scale = (float)(1 / Math.Sqrt(sum));
    for (var i = 0; i < v.Length; i++) v[i] *= scale;
    return v;
}

// The bench's own account and key, kept beside its data (a benchmark key, not a secret worth protecting).
static AccessKey BenchKey(string dataDirectory)
{
    Directory.CreateDirectory(dataDirectory);
    var file = Path.Combine(dataDirectory, "bench-key.json");
    if (File.Exists(file)) return JsonSerializer.Deserialize<AccessKey>(File.ReadAllText(file))!;
    using var accounts = AccountStore.Open(dataDirectory, MasterKey.LoadOrCreate(dataDirectory));
    var key = accounts.CreateKey(accounts.CreateAccount("bench").AccountId);
    File.WriteAllText(file, JsonSerializer.Serialize(key));
    return key;
}
