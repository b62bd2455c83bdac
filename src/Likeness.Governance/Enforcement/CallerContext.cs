namespace Likeness.Governance.Enforcement;

/// <summary>Who is calling and for what: the account, the access key (null from the local CLI), and the use case and case id the request names (null: the key's bound use case applies).</summary>
public sealed record CallerContext(string AccountId, string? AccessKeyId = null, string? UseCase = null, string? CaseId = null);
