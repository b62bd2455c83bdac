using Likeness.Governance.Profiles;

namespace Likeness.Governance.Policy;

/// <summary>What the policy decides on: who asks (profile), for what (use case, case id), to do what, when.</summary>
public sealed record PolicyRequest(AccountProfile Profile, string? UseCase, string? CaseId, OperationClass Operation, DateTimeOffset Time);
