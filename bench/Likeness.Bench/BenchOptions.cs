using Likeness.Models.Catalog;

namespace Likeness.Bench;

/// <summary>The harness's command line; every option has a default, so a bare run measures everything.</summary>
public sealed record BenchOptions
{
    public const string Usage =
        "usage: likeness-bench [--reps 50] [--warmup 20] [--passes 5] [--pipeline-warmup 6] [--threads 1,2] [--models a,b,...] [--sections models,decoding,pipeline]\n" +
        "                      [--no-peer] [--max-others 0.10] [--attempts 3] [--out bench/results] [--cache-dir DIR] [--peer-dir bench/peer]\n" +
        "                      [--peers-dir ../shared/peers]";

    /// <summary>Timed repetitions per measurement.</summary>
    public int Reps { get; init; } = 50;

    /// <summary>Untimed runs before the timed ones.</summary>
    public int Warmup { get; init; } = 20;

    /// <summary>Intra-op thread counts for ONNX Runtime, each paired with the peer forced to the same count.</summary>
    public IReadOnlyList<int> Threads { get; init; } = [1, 2];

    /// <summary>Catalog models to measure; empty means all of them.</summary>
    public IReadOnlyList<string> Models { get; init; } = [];

    public bool RunModels { get; init; } = true;

    public bool RunDecoding { get; init; } = true;

    public bool RunPipeline { get; init; } = true;

    /// <summary>
    /// Untimed runs before the pipeline section's timed passes (Likeness cycles through the photos; the
    /// peers' bench.mjs repeats the first). One run is dozens of network runs, so a few settle what
    /// <see cref="Warmup"/>'s twenty settle for a single model, at a fraction of the time.
    /// </summary>
    public int PipelineWarmup { get; init; } = 6;

    /// <summary>Timed passes over the six sample photos in the pipeline section, on each side (the peers' bench.mjs --passes).</summary>
    public int Passes { get; init; } = 5;

    /// <summary>Largest share of the machine's CPU other processes may take while a pair is measured before it is measured again.</summary>
    public double MaxOthersCpuShare { get; init; } = 0.10;

    /// <summary>Most measurements of one pair; the last is kept even if it was disturbed (and says so).</summary>
    public int Attempts { get; init; } = 3;

    /// <summary>Whether to run the TF.js peer and the JavaScript peers (Human, face-api) in the same run (off: Likeness columns only).</summary>
    public bool RunPeer { get; init; } = true;

    /// <summary>Where the JSON and Markdown results go.</summary>
    public string OutputDirectory { get; init; } = Path.Combine("bench", "results");

    /// <summary>The asset cache; null means AssetCache's default ($LIKENESS_CACHE_DIR, else ~/.cache/likeness).</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>The folder holding tfjs-models.mjs; null means bench/peer found from the current directory upwards.</summary>
    public string? PeerDirectory { get; init; }

    /// <summary>The folder holding the JavaScript peers' bench.mjs (Human, face-api); null means shared/peers found from the current directory upwards (../shared/peers from the repository root).</summary>
    public string? PeersDirectory { get; init; }

    /// <summary>The arguments as given, recorded in the results.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> with a one-line reason.</summary>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions { Arguments = [.. args] };
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--reps" => options with { Reps = PositiveInt(name, Value()) },
                "--passes" => options with { Passes = PositiveInt(name, Value()) },
                "--pipeline-warmup" => options with { PipelineWarmup = int.TryParse(Value(), out var pw) && pw >= 0 ? pw : throw new ArgumentException("--pipeline-warmup needs a count of 0 or more.") },
                "--warmup" => options with { Warmup = int.TryParse(Value(), out var w) && w >= 0 ? w : throw new ArgumentException("--warmup needs a count of 0 or more.") },
                "--threads" => options with { Threads = [.. List(Value()).Select(t => PositiveInt(name, t))] },
                "--models" => options with { Models = KnownModels(List(Value())) },
                "--sections" => Sections(options, List(Value())),
                "--no-peer" => options with { RunPeer = false },
                "--max-others" => options with { MaxOthersCpuShare = Share(Value()) },
                "--attempts" => options with { Attempts = PositiveInt(name, Value()) },
                "--out" => options with { OutputDirectory = Value() },
                "--cache-dir" => options with { CacheDirectory = Value() },
                "--peer-dir" => options with { PeerDirectory = Value() },
                "--peers-dir" => options with { PeersDirectory = Value() },
                _ => throw new ArgumentException($"Unknown option '{name}'."),
            };
        }
        return options;
    }

    private static BenchOptions Sections(BenchOptions options, IReadOnlyList<string> sections)
    {
        foreach (var section in sections)
        {
            if (section is not ("models" or "decoding" or "pipeline")) throw new ArgumentException($"Unknown section '{section}'; the sections are models, decoding and pipeline.");
        }
        return options with { RunModels = sections.Contains("models"), RunDecoding = sections.Contains("decoding"), RunPipeline = sections.Contains("pipeline") };
    }

    private static IReadOnlyList<string> KnownModels(IReadOnlyList<string> names)
    {
        var unknown = names.Where(n => ModelCatalog.All.All(m => m.Name != n)).ToList();
        return unknown.Count == 0 ? names : throw new ArgumentException(
            $"Unknown model(s) {string.Join(", ", unknown)}; the catalog has {string.Join(", ", ModelCatalog.All.Select(m => m.Name))}.");
    }

    private static IReadOnlyList<string> List(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static double Share(string value) =>
        double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var share) && share is >= 0 and <= 1
            ? share
            : throw new ArgumentException($"--max-others needs a share of the CPU between 0 and 1, not '{value}'.");

    private static int PositiveInt(string name, string value) =>
        int.TryParse(value, out var n) && n > 0 ? n : throw new ArgumentException($"{name} needs a positive whole number, not '{value}'.");
}
