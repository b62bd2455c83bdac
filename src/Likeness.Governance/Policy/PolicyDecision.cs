namespace Likeness.Governance.Policy;

/// <summary>
/// The outcome for one request: allowed or denied (with the rule that decided and its reason), and the
/// obligations every matching rule adds: a minimum threshold, human review, a case id, a passing bias audit.
/// </summary>
public sealed record PolicyDecision(
    bool Allowed,
    string? DecidingRule,
    string Reason,
    double? MinThreshold,
    bool HumanReviewRequired,
    bool CaseIdRequired,
    bool BiasAuditRequired,
    IReadOnlyList<string> MatchedRules,
    string PolicyVersion);
