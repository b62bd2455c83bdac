using System.Globalization;
using Likeness.Evaluation.Audits;
using Likeness.Evaluation.Reports;
using Likeness.Governance.Enforcement;
using Likeness.Vision.Faces.Similarity;

namespace Likeness.Cli.Commands;

/// <summary>`likeness audit demographics`: false-match and false-non-match rates per demographic group, and the Gender Shades table.</summary>
internal static class AuditDemographicsCommand
{
    /// <summary>The thresholds audited by default; the policy's floor is added.</summary>
    public static readonly IReadOnlyList<double> DefaultThresholds = [80, 90, 95, 99];

    public static int Run(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var started = DateTimeOffset.UtcNow;
        var images = args.Option("images") ?? throw new CliUsageException("audit demographics needs --images DIR (e.g. ../shared/data/utkface-dev).");
        var labels = args.Option("labels") ?? throw new CliUsageException("audit demographics needs --labels utkface, lfw, none or a CSV manifest (docs/AUDITS.md).");
        var thresholdText = args.Option("thresholds");
        var padText = args.Option("pad");
        var noGender = args.Flag("no-gender");
        var record = args.Flag("record");
        var outDirectory = args.Option("out");
        var threads = AuditCommand.Threads(args);
        var (assets, dataDirectory, cacheRoot) = AuditCommand.Common(args);
        args.RejectUnknownOptions();

        var thresholds = AuditCommand.Thresholds(thresholdText, DefaultThresholds);
        var padding = AuditCommand.Padding(padText);
        var set = AuditLabels.Read(images, labels);
        using var governor = Governor.Open(dataDirectory, warn: m => stderr.WriteLine($"policy: {m}"));
        if (thresholdText is null && AuditCommand.PolicyFloor(governor) is { } floor) thresholds.Add(floor);
        var output = AuditOutput.For("demographics", outDirectory, dataDirectory, started);

        using var models = new AuditModels(assets, threads, cacheRoot);
        var calibration = SimilarityCalibration.ForModel(models.ModelId);
        var withGender = !noGender && set.Subjects.Any(s => GenderShades.Normalise(s.Labels.GetValueOrDefault("gender")) is not null) && set.Dimensions.Count >= 2;
        var embedder = models.Embedder(padding ?? set.Padding, withGender, stderr);
        var (embeddings, genders) = embedder.Run(set.Subjects.Select(s => s.Path).ToList(), Path.GetFileName(Path.TrimEndingDirectorySeparator(images)));
        stderr.WriteLine($"scoring {embeddings.Count(e => e is not null) * (long)(embeddings.Count(e => e is not null) - 1) / 2:N0} pairs ...");

        var result = DemographicAudit.Run(set, embeddings, calibration, thresholds) with { CompletedAt = DateTimeOffset.UtcNow, Command = AuditCommand.CommandLine(args) };
        if (withGender)
        {
            var groupDimension = set.Dimensions.First(d => d != "gender");
            result = result with { GenderShades = GenderShades.Cells(set, genders, groupDimension) };
        }
        var sha = output.Write(result, DemographicAuditReport.Html(result));
        Print(result, stdout);
        output.Announce(stdout);
        if (record)
        {
            AuditRecording.Record(governor, output, sha, result);
            stdout.WriteLine($"recorded: {output.Id} (likeness audit list)");
        }
        return 0;
    }

    private static void Print(DemographicAuditResult r, TextWriter stdout)
    {
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{r.ModelId}: {r.Images:N0} images ({r.ImagesWithoutFace} without a face), {r.ImpostorPairs:N0} impostor pairs, {r.MatedPairs:N0} mated pairs"));
        stdout.WriteLine("| dimension | group | faces | " + string.Join(" | ", r.Thresholds.Select(t => $"FMR at {t:G}")) + (r.MatedPairs > 0 ? " | " + string.Join(" | ", r.Thresholds.Select(t => $"FNMR at {t:G}")) : "") + " |");
        stdout.WriteLine("|---|---|---|" + string.Concat(r.Thresholds.Select(_ => "---|")) + (r.MatedPairs > 0 ? string.Concat(r.Thresholds.Select(_ => "---|")) : ""));
        stdout.WriteLine($"| all | all | {r.Images - r.ImagesWithoutFace} | {string.Join(" | ", r.OverallFalseMatch.Select(Rate))}{(r.MatedPairs > 0 ? " | " + string.Join(" | ", r.OverallFalseNonMatch.Select(Rate)) : "")} |");
        foreach (var g in r.Groups)
        {
            stdout.WriteLine($"| {g.Dimension} | {g.Group} | {g.Faces} | {string.Join(" | ", g.FalseMatch.Select(Rate))}{(r.MatedPairs > 0 ? " | " + (g.FalseNonMatch.Count == 0 ? string.Join(" | ", r.Thresholds.Select(_ => "-")) : string.Join(" | ", g.FalseNonMatch.Select(Rate))) : "")} |");
        }
        foreach (var d in r.Differentials)
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{d.Dimension} at {d.Threshold:G}: worst {d.WorstGroup} {ReportFormat.Number(d.WorstRate)}, best {d.BestGroup} {ReportFormat.Number(d.BestRate)}, ratio {(d.Ratio is { } x ? x.ToString("F1", CultureInfo.InvariantCulture) : "n/a (best group had none)")} (at least {d.RatioLowerBound:F1} at 95%)"));
        }
        if (r.GenderShades.Count > 0)
        {
            stdout.WriteLine("Gender classification error (Gender Shades):");
            foreach (var c in r.GenderShades) stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {c.Gender} {c.Group}: {100 * c.Error.Rate:F1}% [{100 * c.Error.Lower:F1}, {100 * c.Error.Upper:F1}] of {c.Error.Trials} ({c.NotFound} no face)"));
        }
    }

    private static string Rate(Likeness.Evaluation.Statistics.ErrorRate e) =>
        string.Create(CultureInfo.InvariantCulture, $"{ReportFormat.Number(e.Rate)} ({e.Errors:N0}/{e.Trials:N0})");
}
