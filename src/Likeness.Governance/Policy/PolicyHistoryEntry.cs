namespace Likeness.Governance.Policy;

/// <summary>One dated line of a policy's history: what changed and why, for the people reading the file.</summary>
public sealed record PolicyHistoryEntry(DateOnly Date, string Change);
