using Likeness.Collections.Storage;
using System.Globalization;

namespace Likeness.Governance.Profiles;

/// <summary>
/// Account profiles (organisation, sector, jurisdiction), their registered use cases with approval
/// status, and access keys bound to a use case. An account with no profile is treated as
/// <see cref="Unregistered"/> (commercial, unknown jurisdiction, no use cases): the policy still applies
/// to it, and operators should register every account (docs/POLICY.md).
/// </summary>
public sealed class ProfileStore(GovernanceDatabase database)
{
    /// <summary>The profile of an account nobody registered.</summary>
    public static AccountProfile Unregistered(string accountId) => new(accountId, "(unregistered)", Sector.Commercial, new Jurisdiction("ZZ"), []);

    /// <summary>Creates or replaces the account's organisation, sector and jurisdiction (use cases are kept).</summary>
    public AccountProfile Set(string accountId, string organisation, Sector sector, Jurisdiction jurisdiction)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        ArgumentException.ThrowIfNullOrWhiteSpace(organisation);
        if (jurisdiction.Country.Length != 2) throw new ArgumentException($"Country is an ISO 3166-1 alpha-2 code such as US, got '{jurisdiction.Country}'.");
        database.Write((c, t) => Sql.Command(c, t, """
            INSERT INTO profiles (account, organisation, sector, country, region, city, updated_ms) VALUES ($a, $o, $s, $c, $r, $city, $now)
            ON CONFLICT(account) DO UPDATE SET organisation = $o, sector = $s, country = $c, region = $r, city = $city, updated_ms = $now
            """, ("$a", accountId), ("$o", organisation), ("$s", sector.ToString()), ("$c", jurisdiction.Country.ToUpperInvariant()),
            ("$r", jurisdiction.Region), ("$city", jurisdiction.City), ("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())).ExecuteNonQuery());
        return Get(accountId);
    }

    /// <summary>Registers a use case for the account, or changes its approval status.</summary>
    public AccountProfile SetUseCase(string accountId, string useCase, UseCaseStatus status)
    {
        if (!UseCases.All.Contains(useCase)) throw new ArgumentException($"Unknown use case '{useCase}'; one of: {string.Join(", ", UseCases.All)}.");
        database.Write((c, t) => Sql.Command(c, t, """
            INSERT INTO use_cases (account, use_case, status, updated_ms) VALUES ($a, $u, $s, $now)
            ON CONFLICT(account, use_case) DO UPDATE SET status = $s, updated_ms = $now
            """, ("$a", accountId), ("$u", useCase), ("$s", status.ToString()), ("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())).ExecuteNonQuery());
        return Get(accountId);
    }

    /// <summary>The account's profile, or <see cref="Unregistered"/>.</summary>
    public AccountProfile Get(string accountId) => database.Read((c, t) =>
    {
        using var profile = Sql.Command(c, t, "SELECT organisation, sector, country, region, city FROM profiles WHERE account = $a", ("$a", accountId));
        using var reader = profile.ExecuteReader();
        if (!reader.Read()) return Unregistered(accountId);
        var (organisation, sector, jurisdiction) = (reader.GetString(0), Enum.Parse<Sector>(reader.GetString(1)),
            new Jurisdiction(reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        using var useCases = Sql.Command(c, t, "SELECT use_case, status FROM use_cases WHERE account = $a ORDER BY use_case", ("$a", accountId));
        using var rows = useCases.ExecuteReader();
        var list = new List<RegisteredUseCase>();
        while (rows.Read()) list.Add(new RegisteredUseCase(rows.GetString(0), Enum.Parse<UseCaseStatus>(rows.GetString(1))));
        return new AccountProfile(accountId, organisation, sector, jurisdiction, list);
    });

    /// <summary>Binds an access key to a use case: requests signed with it use that use case unless they name one.</summary>
    public void BindKey(string accessKeyId, string useCase)
    {
        if (!UseCases.All.Contains(useCase)) throw new ArgumentException($"Unknown use case '{useCase}'; one of: {string.Join(", ", UseCases.All)}.");
        database.Write((c, t) => Sql.Command(c, t,
            "INSERT INTO key_bindings (access_key_id, use_case) VALUES ($k, $u) ON CONFLICT(access_key_id) DO UPDATE SET use_case = $u",
            ("$k", accessKeyId), ("$u", useCase)).ExecuteNonQuery());
    }

    /// <summary>The use case a key is bound to, or null.</summary>
    public string? BoundUseCase(string accessKeyId) => database.Read((c, t) =>
    {
        using var command = Sql.Command(c, t, "SELECT use_case FROM key_bindings WHERE access_key_id = $k", ("$k", accessKeyId));
        return command.ExecuteScalar() as string;
    });

    internal static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
