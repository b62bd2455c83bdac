namespace Likeness.Governance.Policy;

/// <summary>What a rule does when it matches: decide access (deny or allow, first match wins) or add obligations (all matches apply).</summary>
public enum PolicyEffectKind
{
    Deny,
    Allow,
    Obligations,
}
