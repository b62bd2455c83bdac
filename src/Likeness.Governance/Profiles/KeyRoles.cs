namespace Likeness.Governance.Profiles;

/// <summary>The installation-level roles an access key can hold, as the CLI and the console name them.</summary>
public static class KeyRoles
{
    /// <summary>The key acts as a registered reviewer: it may list and decide the human review of every account.</summary>
    public const string Reviewer = "reviewer";

    /// <summary>The key may read every account's audit trail, replace the use policy and read the accountability report.</summary>
    public const string Governance = "governance";

    /// <summary>Every role, in the order above.</summary>
    public static IReadOnlyList<string> All { get; } = [Reviewer, Governance];
}
