namespace Likeness.Governance.Audits;

/// <summary>Whether an audit meets a requirement, and why in one sentence; <see cref="AuditId"/> names the audit judged (null when there was none).</summary>
public sealed record BiasAuditCheckResult(bool Passed, string Reason, string? AuditId = null);
