using Likeness.Governance.Policy;

namespace Likeness.Governance.Enforcement;

/// <summary>
/// An operation the policy allowed, with what it must honour: the decision, and the use case and case id it runs under;
/// <see cref="BiasAuditId"/> names the audit that cleared it when a rule required one.
/// </summary>
public sealed record GovernedCall(CallerContext Caller, string Operation, OperationClass Class, string? CollectionId, double? Threshold, string? UseCase, PolicyDecision Decision, string? BiasAuditId = null);
