namespace Likeness.Governance.Profiles;

/// <summary>Who an account is, for the policy: organisation, sector, jurisdiction and registered use cases.</summary>
public sealed record AccountProfile(string AccountId, string Organisation, Sector Sector, Jurisdiction Jurisdiction, IReadOnlyList<RegisteredUseCase> UseCases)
{
    /// <summary>Whether <paramref name="useCase"/> is registered and approved for this account.</summary>
    public bool IsApproved(string useCase) => UseCases.Any(u => u.UseCase == useCase && u.Status == UseCaseStatus.Approved);
}
