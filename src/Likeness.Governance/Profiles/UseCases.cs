namespace Likeness.Governance.Profiles;

/// <summary>The use cases an account can register (kebab-case names, as they appear in policies, profiles and request headers).</summary>
public static class UseCases
{
    public const string MissingPersonIdentification = "missing-person-identification";
    public const string AntiTraffickingVictimIdentification = "anti-trafficking-victim-identification";
    public const string ConsentedIdentityVerification = "consented-identity-verification";
    public const string PhotoOrganisation = "photo-organisation";
    public const string PublicSafetyInvestigation = "public-safety-investigation";
    public const string Research = "research";

    public static IReadOnlyList<string> All { get; } =
        [MissingPersonIdentification, AntiTraffickingVictimIdentification, ConsentedIdentityVerification, PhotoOrganisation, PublicSafetyInvestigation, Research];
}
