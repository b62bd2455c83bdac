using Likeness.Governance.Policy;
using Likeness.Governance.Profiles;

namespace Likeness.Governance.Tests.Policy;

/// <summary>Builds the requests the policy tests decide on: one account, one use case, one day.</summary>
internal static class PolicyRequests
{
    public static readonly Jurisdiction Seattle = new("US", "WA", "Seattle");
    public static readonly Jurisdiction SanFrancisco = new("US", "CA", "San Francisco");
    public static readonly Jurisdiction Oakland = new("US", "CA", "Oakland");
    public static readonly Jurisdiction PortlandOregon = new("US", "OR", "Portland");
    public static readonly Jurisdiction PortlandMaine = new("US", "ME", "Portland");

    public static PolicyRequest Request(
        Sector sector,
        OperationClass operation,
        string date,
        string? useCase = null,
        Jurisdiction? jurisdiction = null,
        UseCaseStatus status = UseCaseStatus.Approved,
        string organisation = "Example Agency")
    {
        IReadOnlyList<RegisteredUseCase> registered = useCase is null ? [] : [new RegisteredUseCase(useCase, status)];
        var profile = new AccountProfile("acct-1", organisation, sector, jurisdiction ?? Seattle, registered);
        return new PolicyRequest(profile, useCase, "case-1", operation, new DateTimeOffset(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
    }

    public static PolicyDecision Decide(PolicyRequest request) => new PolicyEngine(PolicyDocument.Default).Evaluate(request);
}
