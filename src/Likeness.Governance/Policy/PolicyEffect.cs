using Likeness.Governance.Audits;

namespace Likeness.Governance.Policy;

/// <summary>
/// A rule's effect: a denial or an allowance with the reason shown to the caller, or obligations
/// (minimum threshold, human review, case id, passing bias audit) that accumulate over all matching rules.
/// </summary>
/// <param name="BiasAudit">What the latest demographics audit of the face model must meet, or null when the rule requires none.</param>
public sealed record PolicyEffect(PolicyEffectKind Kind, string? Reason, double? MinThreshold, bool HumanReview, bool CaseIdRequired, BiasAuditRequirement? BiasAudit)
{
    /// <summary>Whether the effect decides access (deny or allow) rather than adding obligations.</summary>
    public bool DecidesAccess => Kind is PolicyEffectKind.Deny or PolicyEffectKind.Allow;

    /// <summary>Whether the effect requires a passing bias audit (<see cref="BiasAudit"/> is set).</summary>
    public bool BiasAuditRequired => BiasAudit is not null;

    /// <summary>Short human text: "deny", "allow", or the obligations it adds (a bias audit requirement other than the default as the file writes it).</summary>
    public override string ToString()
    {
        if (Kind == PolicyEffectKind.Deny) return "deny";
        if (Kind == PolicyEffectKind.Allow) return "allow";
        var parts = new List<string>();
        if (MinThreshold is { } t) parts.Add($"minThreshold {t.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        if (HumanReview) parts.Add("humanReview");
        if (CaseIdRequired) parts.Add("caseIdRequired");
        if (BiasAudit is { } audit) parts.Add(audit == BiasAuditRequirement.Default ? "biasAuditRequired" : "biasAuditRequired " + audit.ToJson());
        return parts.Count == 0 ? "obligations: none" : "obligations: " + string.Join(", ", parts);
    }
}
