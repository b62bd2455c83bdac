using Likeness.Governance.Policy;

namespace Likeness.Governance.Enforcement;

/// <summary>
/// What <see cref="Governor.Begin"/> decides for one request: the policy's <paramref name="Decision"/> at the effective
/// <paramref name="Threshold"/>, and, when the request may not run (a denial, a missing case id, a threshold below the floor,
/// a failing bias audit), the <paramref name="RefusingRule"/>, its <paramref name="RefusalReason"/> and the whole
/// <paramref name="Refusal"/> message AccessDeniedException carries; all three null when it may run.
/// <paramref name="BiasAuditId"/> names the audit judged when a rule required one.
/// </summary>
public sealed record PolicyVerdict(PolicyDecision Decision, double? Threshold, string? RefusingRule, string? RefusalReason, string? Refusal, string? BiasAuditId)
{
    /// <summary>Whether the request would run.</summary>
    public bool Runs => RefusingRule is null;
}
