using Likeness.Collections;
using Likeness.Governance.AuditTrail;
using Likeness.Governance.Enforcement;
using Likeness.Governance.Profiles;
using Likeness.Governance.Policy;
using Likeness.Governance.Reports;

namespace Likeness.Cli.Commands;

/// <summary>
/// `likeness report accountability|usage`: the RCW 43.386.020 accountability report and the monthly usage
/// report, in Markdown or self-contained HTML, from the data directory's audit trail, profiles and reviews.
/// </summary>
public static class ReportCommand
{
    public const string Usage = """
          likeness report accountability --config FILE [--policy FILE] [--data-dir DIR] [--face-model 2.0] [--detector-scales 0.5+1]
                                         [--out FILE.md|FILE.html] [--format md|html]
          likeness report usage [--from YYYY-MM] [--until YYYY-MM] [--data-dir DIR] [--out FILE.md|FILE.html] [--format md|html]
        """;

    public static int Run(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var kind = CollectionContext.Required(args, 1, "likeness report accountability|usage ...");
        var dataDirectory = args.Option("data-dir") ?? CollectionContext.DefaultDataDirectory();
        var output = args.Option("out");
        var format = FormatOf(args.Option("format"), output);
        ReportDocument report;
        switch (kind)
        {
            case "accountability":
            {
                var configPath = args.Option("config") ?? throw new CliUsageException("`likeness report accountability` needs --config FILE (see docs/examples/report-config.json).");
                var policyPath = args.Option("policy");
                var faceModel = FaceModelOption.Parse(args.Option("face-model"));
                var detectorScales = DetectorScalesOption.Parse(args.Option("detector-scales"));
                args.RejectUnknownOptions();
                ReportConfiguration configuration;
                try
                {
                    configuration = ReportConfiguration.Load(configPath);
                }
                catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
                {
                    throw new CliUsageException($"{configPath}: {e.Message}");
                }
                using var governor = Governor.Open(dataDirectory, policyPath, faceModelId: faceModel.EmbedderModelId);
                var trailPath = Path.Combine(dataDirectory, AuditTrail.FileName);
                report = AccountabilityReport.Build(new AccountabilityReportInputs(
                    configuration, ModelCard.For(faceModel.Version), governor.Policy.Current.Document,
                    AuditTrail.Verify(trailPath), [.. AuditTrail.Read(trailPath).Select(r => r.Entry)],
                    governor.Reviews.List(), governor.Reviews.Reviewers(), governor.Audits.List(), faceModel.Calibration, DateTimeOffset.UtcNow, detectorScales));
                break;
            }
            case "usage":
            {
                var from = args.Option("from");
                var until = args.Option("until");
                args.RejectUnknownOptions();
                using var governor = Governor.Open(dataDirectory);
                var trailPath = Path.Combine(dataDirectory, AuditTrail.FileName);
                UsageSummary summary;
                try
                {
                    summary = UsageReport.Summarise(AuditTrail.Read(trailPath).Select(r => r.Entry), account => SectorOf(governor.Profiles.Get(account)), AuditTrail.Verify(trailPath), from, until);
                }
                catch (ArgumentException e)
                {
                    throw new CliUsageException($"--from/--until: {e.Message}");
                }
                report = UsageReport.Build(summary, DateTimeOffset.UtcNow);
                break;
            }
            default:
                throw new CliUsageException($"Unknown report '{kind}'; use accountability or usage.");
        }
        var text = format == ReportFormat.Html ? HtmlReportRenderer.Render(report) : MarkdownReportRenderer.Render(report);
        if (output is null)
        {
            stdout.Write(text);
        }
        else
        {
            File.WriteAllText(output, text);
            stderr.WriteLine($"wrote {output}");
        }
        return 0;
    }

    private static string SectorOf(AccountProfile profile) =>
        profile.Organisation == ProfileStore.Unregistered(profile.AccountId).Organisation ? UsageReport.Unregistered : PolicyNames.Of(profile.Sector);

    // --format wins; otherwise the output's extension; otherwise Markdown.
    private static ReportFormat FormatOf(string? format, string? output) => format switch
    {
        "md" or "markdown" => ReportFormat.Markdown,
        "html" => ReportFormat.Html,
        null => output is not null && (output.EndsWith(".html", StringComparison.OrdinalIgnoreCase) || output.EndsWith(".htm", StringComparison.OrdinalIgnoreCase)) ? ReportFormat.Html : ReportFormat.Markdown,
        _ => throw new CliUsageException($"--format takes md or html, not '{format}'."),
    };
}
