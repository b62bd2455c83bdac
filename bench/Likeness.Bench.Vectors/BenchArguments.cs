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

    public static BenchArguments Parse(string[] args)
    {
        var parsed = new BenchArguments();
        for (int i = 0; i < args.Length; i++)
        {
            string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            parsed = args[i] switch
            {
                "--sizes" => parsed with { Sizes = Ints(value) },
                "--sets" => parsed with { Sets = value.Split(',') },
                "--queries" => parsed with { Queries = int.Parse(value) },
                "--dimension" => parsed with { Dimension = int.Parse(value) },
                "--per-identity" => parsed with { PerIdentity = int.Parse(value) },
                "--probes" => parsed with { ProbeSweep = Ints(value) },
                "--out" => parsed with { Out = value },
                "--work-dir" => parsed with { WorkDirectory = value },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
            i++;
        }
        return parsed;
    }

    private static int[] Ints(string list) => list.Split(',').Select(s => int.Parse(s.Replace("_", ""))).ToArray();
}
