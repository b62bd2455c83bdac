namespace Likeness.Governance.Profiles;

/// <summary>Where an account operates: ISO 3166-1 alpha-2 country (US), region or state code (CA, OR, ME), city name (San Francisco).</summary>
public sealed record Jurisdiction(string Country, string? Region = null, string? City = null);
