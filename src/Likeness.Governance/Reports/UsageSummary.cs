using Likeness.Governance.AuditTrail;

namespace Likeness.Governance.Reports;

/// <summary>The usage of a service over a period, month by month, with the audit trail's verification.</summary>
public sealed record UsageSummary(AuditVerification Verification, string? From, string? Until, IReadOnlyList<UsageMonth> Months)
{
    /// <summary>The records counted over every month.</summary>
    public long Records => Months.Sum(m => m.Records);
}
