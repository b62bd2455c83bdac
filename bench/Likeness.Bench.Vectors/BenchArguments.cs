namespace Likeness.Bench.Vectors;

/// <summary>Command-line options of likeness-bench-vectors (see bench/README.md).</summary>
internal sealed record BenchArguments
{
    public int[] Sizes { get; init; } = [100_000, 1_000_000];
    public string[] Sets { get; init; } = ["uniform", "identities"];
    public int Queries { get; init; } = 300;
    public int Dimension { get; init; } = 128;
    public int PerIdentity { get; init; } = 5;
    public int[] ProbeSweep { get; init; } = [16, 32, 64, 128, 256];
    public string Out { get; init; } = "bench/results";
    public string WorkDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "likeness-bench-vectors");

    /// <summary>Whether --sizes was given: with --real, synthetic sets run only when asked for.</summary>
    public bool SizesGiven { get; init; }

    /// <summary>--real: run the real-embedding benchmark; <see cref="RealData"/> is its folder, null to look for it.</summary>
    public bool Real { get; init; }
    public string? RealData { get; init; }

    /// <summary>Size of the gallery where the real vectors are mixed with synthetic distractors (0: skip).</summary>
    public int RealGallery { get; init; } = 1_000_000;

    /// <summary>Probe counts on the real-only index (MaxListSize <see cref="RealListSize"/>, ~40 lists).</summary>
    public int[] RealProbes { get; init; } = [1, 2, 4, 8, 16];
    public int RealListSize { get; init; } = 256;

    /// <summary>Where the real embeddings are cached between runs (keyed by model id and image counts).</summary>
    public string CacheDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "likeness-bench-real");

    public static BenchArguments Parse(string[] args)
    {
        var parsed = new BenchArguments();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--real")
            {
                // The folder is optional: --real alone finds $LIKENESS_EVAL_DATA or ../shared/data.
                bool hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
                parsed = parsed with { Real = true, RealData = hasValue ? args[++i] : null };
                continue;
            }
            string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            parsed = args[i] switch
            {
                "--sizes" => parsed with { Sizes = Ints(value), SizesGiven = true },
                "--sets" => parsed with { Sets = value.Split(',') },
                "--queries" => parsed with { Queries = int.Parse(value) },
                "--dimension" => parsed with { Dimension = int.Parse(value) },
                "--per-identity" => parsed with { PerIdentity = int.Parse(value) },
                "--probes" => parsed with { ProbeSweep = Ints(value) },
                "--out" => parsed with { Out = value },
                "--work-dir" => parsed with { WorkDirectory = value },
                "--real-gallery" => parsed with { RealGallery = int.Parse(value.Replace("_", "")) },
                "--real-probes" => parsed with { RealProbes = Ints(value) },
                "--real-list-size" => parsed with { RealListSize = int.Parse(value) },
                "--cache-dir" => parsed with { CacheDirectory = value },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
            i++;
        }
        return parsed;
    }

    private static int[] Ints(string list) => list.Split(',').Select(s => int.Parse(s.Replace("_", ""))).ToArray();
}
