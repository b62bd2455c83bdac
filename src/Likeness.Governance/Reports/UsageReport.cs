using System.Globalization;
using Likeness.Governance.AuditTrail;

namespace Likeness.Governance.Reports;

/// <summary>
/// The usage report: the audit trail counted per month by sector, use case, operation and decision, denials by
/// rule and reviews by outcome, under the trail's verification status. Pure: the caller reads the trail and
/// says which sector each account is in.
/// </summary>
public static class UsageReport
{
    /// <summary>The sector shown for an account with no registered profile.</summary>
    public const string Unregistered = "unregistered";

    /// <summary>The use case shown for a request that named none.</summary>
    public const string NoUseCase = "(none)";

    /// <summary>The order decisions are listed and stacked in.</summary>
    public static IReadOnlyList<string> Decisions { get; } = ["allowed", "allowed-pending-review", "denied", "review-confirmed", "review-rejected"];

    /// <summary>
    /// Counts <paramref name="entries"/> whose UTC month is within [<paramref name="from"/>, <paramref name="until"/>]
    /// (inclusive, "yyyy-MM"; null for open), each account's sector given by <paramref name="sectorOf"/>.
    /// </summary>
    public static UsageSummary Summarise(IEnumerable<AuditEntry> entries, Func<string, string> sectorOf, AuditVerification verification, string? from = null, string? until = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(sectorOf);
        ArgumentNullException.ThrowIfNull(verification);
        CheckMonth(from, nameof(from));
        CheckMonth(until, nameof(until));
        var sectors = new Dictionary<string, string>(StringComparer.Ordinal);
        var months = entries
            .Select(e => (Month: MonthOf(e.Time), Entry: e))
            .Where(m => (from is null || string.CompareOrdinal(m.Month, from) >= 0) && (until is null || string.CompareOrdinal(m.Month, until) <= 0))
            .GroupBy(m => m.Month, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var list = g.Select(m => m.Entry).ToList();
                string Sector(AuditEntry e) => sectors.TryGetValue(e.AccountId, out var s) ? s : sectors[e.AccountId] = sectorOf(e.AccountId);
                return new UsageMonth(g.Key, list.Count,
                    Count(list, Sector),
                    Count(list, e => e.UseCase ?? NoUseCase),
                    Count(list, e => e.Operation),
                    Count(list, e => e.Decision),
                    Count(list.Where(e => e.Decision == "denied"), e => e.Rule ?? "(no rule)"),
                    Count(list.Where(e => e.Decision is "review-confirmed" or "review-rejected"), e => e.Decision["review-".Length..]));
            })
            .ToList();
        return new UsageSummary(verification, from, until, months);
    }

    /// <summary>The report document of <paramref name="summary"/>, generated at <paramref name="generatedAt"/>.</summary>
    public static ReportDocument Build(UsageSummary summary, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var period = summary.Months.Count == 0 ? "no records" : $"{summary.Months[0].Month} to {summary.Months[^1].Month}";
        var sections = new List<ReportSection>
        {
            new("Audit trail", [
                new ReportParagraph(ChainStatus(summary.Verification), "Chain"),
                new ReportParagraph($"{N(summary.Records)} records counted, {period}" +
                    (summary.From is null && summary.Until is null ? "." : $" (requested: {summary.From ?? "start"} to {summary.Until ?? "end"})."), "Period"),
                new ReportParagraph("Months are UTC calendar months. An account's sector is the one its profile states now, not when the request was made.", "Note"),
            ]),
        };
        if (summary.Months.Count > 0)
        {
            sections.Add(new ReportSection("Requests per month by decision", [DecisionChart(summary), Pivot(summary, m => m.ByDecision, "decision", Decisions)]));
            sections.Add(new ReportSection("By sector", [Pivot(summary, m => m.BySector, "sector")]));
            sections.Add(new ReportSection("By use case", [Pivot(summary, m => m.ByUseCase, "use case")]));
            sections.Add(new ReportSection("By operation", [Pivot(summary, m => m.ByOperation, "operation")]));
            sections.Add(new ReportSection("Denials by rule", summary.Months.Any(m => m.DenialsByRule.Count > 0)
                ? [Pivot(summary, m => m.DenialsByRule, "rule")]
                : [new ReportParagraph("No request was denied in this period.")]));
            sections.Add(new ReportSection("Human review decisions by outcome", summary.Months.Any(m => m.ReviewsByOutcome.Count > 0)
                ? [Pivot(summary, m => m.ReviewsByOutcome, "outcome", ["confirmed", "rejected"])]
                : [new ReportParagraph("No review was decided in this period.")]));
        }
        return new ReportDocument("Likeness usage report", $"Generated {Stamp(generatedAt)}; {period}", sections);
    }

    /// <summary>Requests per month as a bar chart stacked by decision.</summary>
    internal static ReportBarChart DecisionChart(UsageSummary summary)
    {
        var series = Ordered(summary.Months.SelectMany(m => m.ByDecision.Keys), Decisions);
        return new ReportBarChart("Audit records per month, stacked by decision", [.. summary.Months.Select(m => m.Month)], series,
            [.. summary.Months.Select(m => (IReadOnlyList<long>)[.. series.Select(s => m.ByDecision.GetValueOrDefault(s))])]);
    }

    /// <summary>One row per key, one column per month, and a total column.</summary>
    private static ReportTable Pivot(UsageSummary summary, Func<UsageMonth, IReadOnlyDictionary<string, long>> counts, string what, IReadOnlyList<string>? order = null)
    {
        var keys = Ordered(summary.Months.SelectMany(m => counts(m).Keys), order ?? []);
        return new ReportTable([what, .. summary.Months.Select(m => m.Month), "total"],
            [.. keys.Select(k => (IReadOnlyList<string>)[k, .. summary.Months.Select(m => N(counts(m).GetValueOrDefault(k))), N(summary.Months.Sum(m => counts(m).GetValueOrDefault(k)))])]);
    }

    // The known names first in their order, then any others alphabetically.
    private static List<string> Ordered(IEnumerable<string> keys, IReadOnlyList<string> order)
    {
        var present = keys.ToHashSet(StringComparer.Ordinal);
        return [.. order.Where(present.Contains), .. present.Where(k => !order.Contains(k)).Order(StringComparer.Ordinal)];
    }

    private static SortedDictionary<string, long> Count(IEnumerable<AuditEntry> entries, Func<AuditEntry, string> key)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var entry in entries) counts[key(entry)] = counts.GetValueOrDefault(key(entry)) + 1;
        return counts;
    }

    /// <summary>The UTC calendar month of <paramref name="time"/>, "yyyy-MM".</summary>
    public static string MonthOf(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The verification in one line, for the top of a report.</summary>
    internal static string ChainStatus(AuditVerification verification) =>
        verification.Intact
            ? $"VERIFIED — every record unchanged, in order and chained ({verification.Message})."
            : $"NOT VERIFIED — {verification.Message}. Counts below come from the records as read and may not be trustworthy.";

    internal static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    internal static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void CheckMonth(string? month, string name)
    {
        if (month is not null && !DateTime.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            throw new ArgumentException($"'{month}' is not a month in yyyy-MM form.", name);
    }
}
