using System.Globalization;
using Likeness.Collections;
using Likeness.Evaluation.Audits;
using Likeness.Evaluation.Reports;
using Likeness.Governance.Enforcement;

namespace Likeness.Cli.Commands;

/// <summary>
/// `likeness audit false-matches --probes DIR --gallery DIR`: the ACLU's 2018 experiment (535 members of
/// Congress against 25,000 arrest photos at 80: 28 false matches) on any data, with the calibration's prediction beside each count.
/// </summary>
internal static class AuditFalseMatchesCommand
{
    public static readonly IReadOnlyList<double> DefaultThresholds = [80, 99];

    public static int Run(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var started = DateTimeOffset.UtcNow;
        var probes = args.Option("probes") ?? throw new CliUsageException("audit false-matches needs --probes DIR, the faces to search with (e.g. ../shared/data/utkface-dev).");
        var gallery = args.Option("gallery") ?? throw new CliUsageException("audit false-matches needs --gallery DIR, the faces to index (e.g. ../shared/data/lfw-dev).");
        var probeLabels = args.Option("labels") ?? "none";
        var galleryLabels = args.Option("gallery-labels") ?? "none";
        var thresholds = AuditCommand.Thresholds(args.Option("thresholds"), DefaultThresholds);
        var padText = args.Option("pad");
        var galleryPadText = args.Option("gallery-pad");
        var padding = AuditCommand.Padding(padText);
        var galleryPadding = AuditCommand.Padding(galleryPadText);
        var record = args.Flag("record");
        var outDirectory = args.Option("out");
        var threads = AuditCommand.Threads(args);
        var (assets, dataDirectory, cacheRoot) = AuditCommand.Common(args);
        args.RejectUnknownOptions();

        var probeSet = AuditLabels.Read(probes, probeLabels);
        var gallerySet = AuditLabels.Read(gallery, galleryLabels);
        var output = AuditOutput.For("false-matches", outDirectory, dataDirectory, started);
        using var models = new AuditModels(assets, threads, cacheRoot);
        var galleryEmbeddings = models.Embedder(galleryPadding ?? gallerySet.Padding, false, stderr)
            .Embed(gallerySet.Subjects.Select(s => s.Path).ToList(), "gallery");
        var probeEmbeddings = models.Embedder(padding ?? probeSet.Padding, false, stderr)
            .Embed(probeSet.Subjects.Select(s => s.Path).ToList(), "probes");
        var model = FaceModel.Default.EmbedderModelId == models.ModelId ? FaceModel.Default : throw new InvalidOperationException("The audit embedder is not the collections' default model.");

        var result = FalseMatchAudit.Run(probeSet, probeEmbeddings, gallerySet, galleryEmbeddings, model, thresholds, stderr)
            with { CompletedAt = DateTimeOffset.UtcNow, Command = AuditCommand.CommandLine(args) };
        var sha = output.Write(result, FalseMatchAuditReport.Html(result));
        Print(result, stdout);
        output.Announce(stdout);
        if (record)
        {
            using var governor = Governor.Open(dataDirectory, warn: m => stderr.WriteLine($"policy: {m}"));
            AuditRecording.Record(governor, output, sha, result);
            stdout.WriteLine($"recorded: {output.Id} (likeness audit list)");
        }
        return 0;
    }

    private static void Print(FalseMatchAuditResult r, TextWriter stdout)
    {
        var inv = CultureInfo.InvariantCulture;
        stdout.WriteLine(string.Create(inv, $"{r.ModelId}: {r.ProbeImages - r.ProbesWithoutFace:N0} probes searched ({r.ProbesWithoutFace} without a face) against {r.GalleryFaces:N0} gallery faces"));
        stdout.WriteLine("| probes | n | threshold | probes with a false match | expected | false matches | expected | FMR measured [95%] | calibrated FMR |");
        stdout.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var g in r.Groups)
        {
            for (var t = 0; t < r.Thresholds.Count; t++)
            {
                var c = g.PerThreshold[t];
                stdout.WriteLine(string.Create(inv,
                    $"| {(g.Dimension == "all" ? "all" : $"{g.Dimension}: {g.Group}")} | {g.Probes:N0} | {c.Threshold:G} | {c.ProbesWithFalseMatch:N0} ({ReportFormat.Percent(c.ProbeRate.Rate)}) | {c.ExpectedProbesWithFalseMatch:F1} | {c.FalseMatches:N0} | {c.ExpectedFalseMatches:F1} | {ReportFormat.Rate(c.PairRate)} | {ReportFormat.Number(r.CalibratedFalseMatchRates[t])} |"));
            }
        }
    }
}
