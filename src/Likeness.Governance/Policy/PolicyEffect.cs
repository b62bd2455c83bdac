namespace Likeness.Governance.Policy;

/// <summary>
/// A rule's effect: a denial or an allowance with the reason shown to the caller, or obligations
/// (minimum threshold, human review, case id, passing bias audit) that accumulate over all matching rules.
/// </summary>
public sealed record PolicyEffect(PolicyEffectKind Kind, string? Reason, double? MinThreshold, bool HumanReview, bool CaseIdRequired, bool BiasAuditRequired)
{
    /// <summary>Whether the effect decides access (deny or allow) rather than adding obligations.</summary>
    public bool DecidesAccess => Kind is PolicyEffectKind.Deny or PolicyEffectKind.Allow;

    /// <summary>Short human text: "deny", "allow", or the obligations it adds.</summary>
    public override string ToString()
    {
        if (Kind == PolicyEffectKind.Deny) return "deny";
        if (Kind == PolicyEffectKind.Allow) return "allow";
        var parts = new List<string>();
        if (MinThreshold is { } t) parts.Add($"minThreshold {t.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        if (HumanReview) parts.Add("humanReview");
        if (CaseIdRequired) parts.Add("caseIdRequired");
        if (BiasAuditRequired) parts.Add("biasAuditRequired");
        return parts.Count == 0 ? "obligations: none" : "obligations: " + string.Join(", ", parts);
    }
}
