namespace Likeness.Governance.Profiles;

/// <summary>A role granted to an access key: <paramref name="ReviewerId"/> names the registered reviewer a reviewer key acts as (null for other roles).</summary>
public sealed record KeyRole(string AccessKeyId, string Role, string? ReviewerId, DateTimeOffset Granted);
