namespace Likeness.Governance.Policy;

/// <summary>One rule of a policy: a unique kebab-case id, a description, what requests it matches and what it does to them.</summary>
public sealed record PolicyRule(string Id, string Description, PolicyMatch Match, PolicyEffect Effect);
