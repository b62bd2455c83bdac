using System.Globalization;
using Likeness.Governance.Enforcement;
using Likeness.Models.Assets;

namespace Likeness.Cli.Commands;

/// <summary>
/// `likeness audit demographics|false-matches|detection|list|model-card`: the audits docs/AUDITS.md
/// describes, each writing a versioned JSON and a self-contained HTML report, optionally recorded
/// (--record) in the governance store where the policy's bias-audit requirement reads them.
/// </summary>
public static class AuditCommand
{
    public const string Usage = """
          likeness audit demographics --images DIR --labels utkface|lfw|none|FILE.csv [--thresholds 80,90,95,99]
                                      [--pad F] [--no-gender] [--out DIR] [--record]
                                                      false-match and false-non-match rates per demographic group
          likeness audit false-matches --probes DIR --gallery DIR [--thresholds 80,99] [--labels L] [--gallery-labels L]
                                      [--out DIR] [--record]      the ACLU's 2018 gallery test on any data
          likeness audit detection --boxes WIDER_GT [--images DIR] [--demographics CSV] [--out DIR] [--record]
                                                      detection recall per skin type, gender and age group
          likeness audit list                         recorded audits, newest first
          likeness audit model-card [--out FILE.html] the default model's card from the latest recorded audits
              (audits take --data-dir DIR, --cache DIR for embeddings, --threads N)
        """;

    public static int Run(CliArguments args, TextWriter stdout, TextWriter stderr) =>
        (args.Positional.Count > 1 ? args.Positional[1] : null) switch
        {
            "demographics" => AuditDemographicsCommand.Run(args, stdout, stderr),
            "false-matches" => AuditFalseMatchesCommand.Run(args, stdout, stderr),
            "detection" => AuditDetectionCommand.Run(args, stdout, stderr),
            "list" => AuditRecordsCommand.List(args, stdout),
            "model-card" => AuditRecordsCommand.ModelCard(args, stdout),
            _ => throw new CliUsageException("`likeness audit` needs which audit: demographics, false-matches, detection, list or model-card."),
        };

    /// <summary>The --threads option: a positive whole number, or 0 for ONNX Runtime's default.</summary>
    internal static int Threads(CliArguments args)
    {
        var text = args.Option("threads");
        if (text is null) return 0;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var threads) && threads >= 1
            ? threads
            : throw new CliUsageException($"--threads needs a positive whole number, got '{text}'.");
    }

    /// <summary>A comma-separated list of Similarity thresholds, each 0-100.</summary>
    internal static List<double> Thresholds(string? text, IReadOnlyList<double> defaults)
    {
        if (text is null) return defaults.ToList();
        var values = new List<double>();
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(item, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) || t is < 0 or > 100)
            {
                throw new CliUsageException($"--thresholds takes Similarity values 0-100 separated by commas, e.g. 80,99; '{item}' is not one.");
            }
            values.Add(t);
        }
        return values.Count > 0 ? values : throw new CliUsageException("--thresholds needs at least one value, e.g. 80,99.");
    }

    /// <summary>The --pad option (a fraction 0-2 of the image side), or null to use the labels' own default.</summary>
    internal static double? Padding(string? text)
    {
        if (text is null) return null;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var pad) && pad is >= 0 and <= 2
            ? pad
            : throw new CliUsageException($"--pad takes a fraction of the image side from 0 to 2 (e.g. 0.5), not '{text}'.");
    }

    /// <summary>The highest minimum threshold any rule of the data directory's policy sets (99 in the default policy), or null.</summary>
    internal static double? PolicyFloor(Governor governor) =>
        governor.Policy.Current.Document.Rules.Select(r => r.Effect.MinThreshold).Where(t => t is not null).Max();

    /// <summary>The shared setup: assets, data directory, embedding cache.</summary>
    internal static (InstalledAssets Assets, string DataDirectory, string CacheRoot) Common(CliArguments args)
    {
        var assets = InstalledAssets.Default(args.Option("cache-dir"));
        var dataDirectory = args.Option("data-dir") ?? CollectionContext.DefaultDataDirectory();
        var cacheRoot = args.Option("cache") ?? AuditModels.DefaultCacheRoot(assets);
        return (assets, dataDirectory, cacheRoot);
    }

    /// <summary>The command line as typed, for the report's "how to reproduce".</summary>
    internal static string CommandLine(CliArguments args) => "likeness " + string.Join(' ', args.Raw.Select(Quote));

    private static string Quote(string arg) => arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "-_./,:=+@".Contains(c)) ? arg : $"'{arg.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
