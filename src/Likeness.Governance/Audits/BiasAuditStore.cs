using System.Globalization;
using Likeness.Collections.Storage;
using Likeness.Governance.AuditTrail;
using Microsoft.Data.Sqlite;

namespace Likeness.Governance.Audits;

/// <summary>
/// The audits of face models recorded on this installation, in governance.db. Recording one also appends a
/// "RecordBiasAudit" record to the audit trail naming the audit, its model and its report's SHA-256, so the hash
/// chain fixes which report each audit stood on: a report file swapped afterwards no longer matches the trail.
/// Audits are never changed or deleted; a newer audit supersedes an older one.
/// </summary>
public sealed class BiasAuditStore(GovernanceDatabase database, AuditTrail.AuditTrail trail, Func<DateTimeOffset>? clock = null)
{
    /// <summary>The trail operation of a recorded audit.</summary>
    public const string RecordOperation = "RecordBiasAudit";

    /// <summary>The trail decision of a recorded audit.</summary>
    public const string RecordedDecision = "recorded";

    /// <summary>The account the trail names when the caller gives none: the installation's operator.</summary>
    public const string OperatorAccount = "operator";

    private readonly Func<DateTimeOffset> _clock = clock ?? (() => DateTimeOffset.UtcNow);

    /// <summary>
    /// Stores <paramref name="audit"/> and appends its trail record (account <paramref name="recordedBy"/>); returns that
    /// trail record. ArgumentException names what is invalid; InvalidOperationException refuses an id already recorded.
    /// The audit and its trail record are written together: if the trail cannot be appended, the audit is not stored.
    /// </summary>
    public AuditRecord Record(BiasAuditRecord audit, string recordedBy = OperatorAccount)
    {
        Validate(audit);
        ArgumentException.ThrowIfNullOrWhiteSpace(recordedBy);
        var sha = audit.ReportSha256.ToLowerInvariant();
        return database.Write((c, t) =>
        {
            if (Sql.Exists(c, t, "SELECT 1 FROM bias_audits WHERE audit_id = $id", ("$id", audit.Id)))
            {
                throw new InvalidOperationException($"A bias audit with id {audit.Id} is already recorded; audits are never replaced, so record a new audit under a new id.");
            }
            var now = _clock();
            Sql.Execute(c, t, """
                INSERT INTO bias_audits (audit_id, kind, model_id, completed_ms, dataset, report_path, report_sha256, summary, recorded_ms, recorded_by)
                VALUES ($id, $k, $m, $done, $d, $p, $sha, $s, $now, $by)
                """, ("$id", audit.Id), ("$k", audit.Kind), ("$m", audit.ModelId), ("$done", audit.CompletedAt.ToUnixTimeMilliseconds()), ("$d", audit.Dataset),
                ("$p", audit.ReportPath), ("$sha", sha), ("$s", audit.Summary), ("$now", now.ToUnixTimeMilliseconds()), ("$by", recordedBy));
            foreach (var row in audit.Thresholds)
            {
                Sql.Execute(c, t, """
                    INSERT INTO bias_audit_thresholds (audit_id, threshold, pairs, worst_group, worst_false_matches, worst_rate, worst_upper, best_group, best_rate, calibrated_rate)
                    VALUES ($id, $t, $n, $wg, $wf, $wr, $wu, $bg, $br, $cr)
                    """, ("$id", audit.Id), ("$t", row.Threshold), ("$n", row.Pairs), ("$wg", row.WorstGroup), ("$wf", row.WorstGroupFalseMatches),
                    ("$wr", row.WorstGroupFalseMatchRate), ("$wu", row.WorstGroupUpper), ("$bg", row.BestGroup), ("$br", row.BestGroupFalseMatchRate), ("$cr", row.CalibratedFalseMatchRate));
            }
            // Appended before the transaction commits: a failed append rolls the audit back, so no audit is ever
            // stored without its trail record. (A commit failing after the append leaves a trail record of an audit
            // the store lacks, which a reader notices; the reverse would go unnoticed.)
            return trail.Append(new AuditEntry(now, recordedBy, null, null, null, RecordOperation, null, null, null, null, null,
                RecordedDecision, null, $"bias audit {audit.Id}: kind {audit.Kind}, model {audit.ModelId}, completed {audit.CompletedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}, " +
                $"report {audit.ReportPath} sha256 {sha}"));
        });
    }

    /// <summary>Every recorded audit, newest (latest completed) first.</summary>
    public IReadOnlyList<BiasAuditRecord> List() => Query(kind: null, modelId: null, limit: -1);

    /// <summary>The newest audit of <paramref name="kind"/> of model <paramref name="modelId"/>, or null when none is recorded.</summary>
    public BiasAuditRecord? Latest(string kind, string modelId) => Query(kind, modelId, limit: 1).SingleOrDefault();

    private IReadOnlyList<BiasAuditRecord> Query(string? kind, string? modelId, int limit) => database.Read((c, t) =>
    {
        var audits = new List<BiasAuditRecord>();
        using (var command = Sql.Command(c, t, """
            SELECT audit_id, kind, model_id, completed_ms, dataset, report_path, report_sha256, summary FROM bias_audits
            WHERE ($k IS NULL OR kind = $k) AND ($m IS NULL OR model_id = $m)
            ORDER BY completed_ms DESC, rowid DESC LIMIT $limit
            """, ("$k", kind), ("$m", modelId), ("$limit", limit)))
        using (var r = command.ExecuteReader())
        {
            while (r.Read())
            {
                audits.Add(new BiasAuditRecord(r.GetString(0), r.GetString(1), r.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)),
                    r.GetString(4), r.GetString(5), r.GetString(6), [], r.GetString(7)));
            }
        }
        return audits.Select(a => a with { Thresholds = Thresholds(c, t, a.Id) }).ToList();
    });

    private static List<BiasAuditThreshold> Thresholds(SqliteConnection connection, SqliteTransaction transaction, string auditId)
    {
        using var command = Sql.Command(connection, transaction, """
            SELECT threshold, pairs, worst_group, worst_false_matches, worst_rate, worst_upper, best_group, best_rate, calibrated_rate
            FROM bias_audit_thresholds WHERE audit_id = $id ORDER BY threshold
            """, ("$id", auditId));
        using var r = command.ExecuteReader();
        var rows = new List<BiasAuditThreshold>();
        while (r.Read())
        {
            rows.Add(new BiasAuditThreshold(r.GetDouble(0), r.GetInt64(1), r.GetString(2), r.GetInt64(3), r.GetDouble(4), r.GetDouble(5), r.GetString(6), r.GetDouble(7), r.GetDouble(8)));
        }
        return rows;
    }

    // An audit is evidence a policy relies on: refuse one whose figures cannot be what they claim to be.
    private static void Validate(BiasAuditRecord audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentException.ThrowIfNullOrWhiteSpace(audit.Id, "audit.Id");
        if (!BiasAuditKinds.All.Contains(audit.Kind, StringComparer.Ordinal))
            throw new ArgumentException($"Unknown audit kind '{audit.Kind}'; one of {string.Join(", ", BiasAuditKinds.All)}.", nameof(audit));
        ArgumentException.ThrowIfNullOrWhiteSpace(audit.ModelId, "audit.ModelId");
        ArgumentNullException.ThrowIfNull(audit.Dataset, "audit.Dataset");
        ArgumentException.ThrowIfNullOrWhiteSpace(audit.ReportPath, "audit.ReportPath");
        if (audit.ReportSha256 is not { Length: 64 } sha || !sha.All(char.IsAsciiHexDigit))
            throw new ArgumentException($"ReportSha256 must be the 64 hex digits of the report's SHA-256 (BiasAuditRecord.Sha256Of), not '{audit.ReportSha256}'.", nameof(audit));
        ArgumentNullException.ThrowIfNull(audit.Summary, "audit.Summary");
        if (audit.Summary.Contains('\n') || audit.Summary.Contains('\r')) throw new ArgumentException("Summary is one line.", nameof(audit));
        ArgumentNullException.ThrowIfNull(audit.Thresholds, "audit.Thresholds");
        if (audit.Kind == BiasAuditKinds.Demographics && audit.Thresholds.Count == 0)
            throw new ArgumentException("A demographics audit needs at least one threshold row.", nameof(audit));
        var seen = new HashSet<double>();
        foreach (var row in audit.Thresholds)
        {
            ArgumentNullException.ThrowIfNull(row, "audit.Thresholds[]");
            var at = $"Threshold row {row.Threshold.ToString(CultureInfo.InvariantCulture)}";
            if (!(row.Threshold is >= 0 and <= 100)) throw new ArgumentException($"{at}: the threshold is a Similarity between 0 and 100.", nameof(audit));
            if (!seen.Add(row.Threshold)) throw new ArgumentException($"{at} appears twice.", nameof(audit));
            if (row.Pairs < 0 || row.WorstGroupFalseMatches < 0 || row.WorstGroupFalseMatches > row.Pairs)
                throw new ArgumentException($"{at}: {row.WorstGroupFalseMatches} false matches of {row.Pairs} pairs is impossible.", nameof(audit));
            if (string.IsNullOrWhiteSpace(row.WorstGroup) || string.IsNullOrWhiteSpace(row.BestGroup)) throw new ArgumentException($"{at}: the worst and best groups must be named.", nameof(audit));
            if (!IsRate(row.WorstGroupFalseMatchRate) || !IsRate(row.WorstGroupUpper) || !IsRate(row.BestGroupFalseMatchRate) || !IsRate(row.CalibratedFalseMatchRate))
                throw new ArgumentException($"{at}: false-match rates are between 0 and 1.", nameof(audit));
            if (row.WorstGroupUpper < row.WorstGroupFalseMatchRate) throw new ArgumentException($"{at}: the upper confidence bound is below the rate it bounds.", nameof(audit));
            if (row.BestGroupFalseMatchRate > row.WorstGroupFalseMatchRate) throw new ArgumentException($"{at}: the best group's rate is above the worst group's.", nameof(audit));
        }
    }

    private static bool IsRate(double value) => value is >= 0 and <= 1;
}
