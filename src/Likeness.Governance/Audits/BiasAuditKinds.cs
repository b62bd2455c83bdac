namespace Likeness.Governance.Audits;

/// <summary>The kinds of audit the store records, named as the `likeness audit` verbs that produce them.</summary>
public static class BiasAuditKinds
{
    /// <summary>False-match rates per demographic group at several Similarity thresholds: what <c>biasAuditRequired</c> checks.</summary>
    public const string Demographics = "demographics";

    /// <summary>False matches of the whole population against the calibration.</summary>
    public const string FalseMatches = "false-matches";

    /// <summary>Face detection recall and precision.</summary>
    public const string Detection = "detection";

    /// <summary>One-to-one verification accuracy.</summary>
    public const string Verification = "verification";

    /// <summary>Every kind, in the order above.</summary>
    public static IReadOnlyList<string> All { get; } = [Demographics, FalseMatches, Detection, Verification];
}
