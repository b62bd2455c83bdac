using Likeness.Governance.Audits;

namespace Likeness.Governance.Policy;

/// <summary>
/// The outcome for one request: allowed or denied (with the rule that decided and its reason), and the
/// obligations every matching rule adds: a minimum threshold, human review, a case id, a passing bias audit.
/// </summary>
/// <param name="BiasAudit">The strictest bias audit requirement of the matching rules (shortest age, lowest bounds), or null when none requires an audit.</param>
public sealed record PolicyDecision(
    bool Allowed,
    string? DecidingRule,
    string Reason,
    double? MinThreshold,
    bool HumanReviewRequired,
    bool CaseIdRequired,
    BiasAuditRequirement? BiasAudit,
    IReadOnlyList<string> MatchedRules,
    string PolicyVersion)
{
    /// <summary>Whether a matching rule requires a passing bias audit (<see cref="BiasAudit"/> is set).</summary>
    public bool BiasAuditRequired => BiasAudit is not null;
}
