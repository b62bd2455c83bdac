using System.Globalization;
using Likeness.Evaluation.Audits;
using Likeness.Governance.Audits;
using Likeness.Governance.Enforcement;

namespace Likeness.Cli.Commands;

/// <summary>
/// Turns an audit's result into the summary the governance store keeps (--record): for a demographics audit,
/// per threshold the worst and best group over every dimension with at least 1,000 same-group impostor pairs;
/// the store chains the record, with the JSON report's SHA-256, into the audit trail.
/// </summary>
internal static class AuditRecording
{
    public static void Record(Governor governor, AuditOutput output, string sha256, DemographicAuditResult result)
    {
        var eligible = DemographicAudit.Comparable(result.Groups);
        var rows = new List<BiasAuditThreshold>();
        for (var t = 0; t < result.Thresholds.Count; t++)
        {
            if (eligible.Count == 0) break;
            var (worst, best) = DemographicAudit.Extremes(eligible, t);
            rows.Add(new BiasAuditThreshold(result.Thresholds[t], worst.FalseMatch[t].Trials, $"{worst.Dimension}: {worst.Group}", worst.FalseMatch[t].Errors,
                worst.FalseMatch[t].Rate, worst.FalseMatch[t].Upper, $"{best.Dimension}: {best.Group}", best.FalseMatch[t].Rate, result.CalibratedFalseMatchRates[t]));
        }
        if (rows.Count == 0)
        {
            throw new InvalidDataException($"Not recorded: no group has 1,000 same-group impostor pairs, so no worst group can be named; audit more images per group (the reports in {output.Directory} are written).");
        }
        var summary = string.Join("; ", rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"at {r.Threshold:G}: worst {r.WorstGroup} FMR {Likeness.Evaluation.Reports.ReportFormat.Number(r.WorstGroupFalseMatchRate)} vs calibrated {Likeness.Evaluation.Reports.ReportFormat.Number(r.CalibratedFalseMatchRate)}")));
        Store(governor, output, sha256, BiasAuditKinds.Demographics, result.ModelId, result.CompletedAt, result.Source, rows, summary);
    }

    public static void Record(Governor governor, AuditOutput output, string sha256, FalseMatchAuditResult result)
    {
        var all = result.Groups[0];
        var summary = string.Join("; ", all.PerThreshold.Select(c => string.Create(CultureInfo.InvariantCulture,
            $"at {c.Threshold:G}: {c.ProbesWithFalseMatch} of {all.Probes} probes falsely matched (calibration predicted {c.ExpectedProbesWithFalseMatch:F1})")));
        Store(governor, output, sha256, BiasAuditKinds.FalseMatches, result.ModelId, result.CompletedAt, $"probes {result.ProbeSource}; gallery {result.GallerySource}", [], summary);
    }

    public static void Record(Governor governor, AuditOutput output, string sha256, string modelId, DateTimeOffset completedAt, string dataset, string summary) =>
        Store(governor, output, sha256, BiasAuditKinds.Detection, modelId, completedAt, dataset, [], summary);

    private static void Store(Governor governor, AuditOutput output, string sha256, string kind, string modelId, DateTimeOffset completedAt, string dataset, IReadOnlyList<BiasAuditThreshold> rows, string summary) =>
        governor.Audits.Record(new BiasAuditRecord(output.Id, kind, modelId, completedAt, dataset, Path.GetFullPath(output.JsonPath), sha256, rows, summary));
}
