namespace Likeness.Governance.Reports;

/// <summary>
/// One calendar month (UTC, "yyyy-MM") of the audit trail: how many records, and how many by the caller's
/// sector, use case, operation and decision; denials by the rule that denied; human review decisions by outcome.
/// </summary>
public sealed record UsageMonth(
    string Month,
    long Records,
    IReadOnlyDictionary<string, long> BySector,
    IReadOnlyDictionary<string, long> ByUseCase,
    IReadOnlyDictionary<string, long> ByOperation,
    IReadOnlyDictionary<string, long> ByDecision,
    IReadOnlyDictionary<string, long> DenialsByRule,
    IReadOnlyDictionary<string, long> ReviewsByOutcome);
