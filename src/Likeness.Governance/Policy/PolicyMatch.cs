using Likeness.Governance.Profiles;

namespace Likeness.Governance.Policy;

/// <summary>
/// Which requests a rule applies to. Every condition given must hold (AND); within a list any entry will do (OR);
/// a condition left out (null) holds for every request. Dates: From inclusive, Until exclusive, no Until = until further notice.
/// </summary>
public sealed record PolicyMatch(
    IReadOnlyList<Sector>? Sectors = null,
    IReadOnlyList<string>? UseCases = null,
    IReadOnlyList<OperationClass>? Operations = null,
    IReadOnlyList<Jurisdiction>? Jurisdictions = null,
    IReadOnlyList<string>? Organisations = null,
    DateOnly? From = null,
    DateOnly? Until = null)
{
    /// <summary>A match with no conditions: every request.</summary>
    public static PolicyMatch Any { get; } = new();

    /// <summary>Whether the request meets every condition.</summary>
    public bool Matches(PolicyRequest request) => Mismatches(request).Count == 0;

    /// <summary>The conditions the request fails, in human words; empty when it matches.</summary>
    public IReadOnlyList<string> Mismatches(PolicyRequest request)
    {
        var failed = new List<string>();
        var profile = request.Profile;
        if (Sectors is not null && !Sectors.Contains(profile.Sector))
            failed.Add($"sector {PolicyNames.Of(profile.Sector)} is not {Or(Sectors.Select(PolicyNames.Of))}");
        if (UseCases is not null)
        {
            // A rule written for named use cases must not catch a request that names none: an exemption
            // would otherwise open up to anyone who leaves the use case out.
            if (request.UseCase is null) failed.Add($"the request names no use case (rule needs {Or(UseCases)})");
            else if (!UseCases.Contains(request.UseCase, StringComparer.Ordinal)) failed.Add($"use case {request.UseCase} is not {Or(UseCases)}");
        }
        if (Operations is not null && !Operations.Contains(request.Operation))
            failed.Add($"operation {PolicyNames.Of(request.Operation)} is not {Or(Operations.Select(PolicyNames.Of))}");
        if (Jurisdictions is not null && !Jurisdictions.Any(j => Within(profile.Jurisdiction, j)))
            failed.Add($"jurisdiction {PolicyNames.Describe(profile.Jurisdiction)} is not {Or(Jurisdictions.Select(PolicyNames.Describe))}");
        if (Organisations is not null && !Organisations.Contains(profile.Organisation, StringComparer.Ordinal))
            failed.Add($"organisation '{profile.Organisation}' is not {Or(Organisations.Select(o => $"'{o}'"))}");
        var date = DateOf(request.Time);
        if (From is { } from && date < from) failed.Add($"{Iso(date)} is before the rule starts ({Iso(from)})");
        if (Until is { } until && date >= until) failed.Add($"{Iso(date)} is on or after the rule ended ({Iso(until)})");
        return failed;
    }

    /// <summary>
    /// The calendar date a request is judged on: the date its timestamp states, in the offset it carries
    /// (the server stamps requests in UTC), so a rule dated 2020-06-10 applies from 2020-06-10T00:00 of that clock.
    /// </summary>
    public static DateOnly DateOf(DateTimeOffset time) => DateOnly.FromDateTime(time.DateTime);

    internal static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    // The account's jurisdiction is within the rule's when it is equal on every field the rule gives; country
    // and region codes and city names compare without case so "Oakland" and "oakland" are the same city.
    private static bool Within(Jurisdiction account, Jurisdiction rule) =>
        Same(account.Country, rule.Country)
        && (rule.Region is null || Same(account.Region, rule.Region))
        && (rule.City is null || Same(account.City, rule.City));

    private static bool Same(string? a, string b) => a is not null && string.Equals(a.Trim(), b, StringComparison.OrdinalIgnoreCase);

    private static string Or(IEnumerable<string> values)
    {
        var list = values.ToList();
        return list.Count == 1 ? list[0] : string.Join(", ", list[..^1]) + " or " + list[^1];
    }
}
