namespace Likeness.Governance.Profiles;

/// <summary>The kind of organisation an account belongs to; policies decide by it.</summary>
public enum Sector
{
    LawEnforcement,
    OtherGovernment,
    Commercial,
    Nonprofit,
    Research,
}
