using Likeness.Governance.Profiles;
using Likeness.Server.Protocol;

namespace Likeness.Server.Console;

/// <summary>Who signed a console request: the account, the access key and the roles operators granted that key.</summary>
public sealed record ConsoleCaller(string AccountId, string AccessKeyId, IReadOnlyList<KeyRole> Roles)
{
    /// <summary>Whether the key holds <paramref name="role"/>.</summary>
    public bool Has(string role) => Roles.Any(r => r.Role == role);

    /// <summary>The registered reviewer a reviewer key acts as, or null.</summary>
    public string? ReviewerId => Roles.FirstOrDefault(r => r.Role == KeyRoles.Reviewer)?.ReviewerId;

    /// <summary>
    /// Returns when the key holds <paramref name="role"/>; otherwise AccessDeniedException naming the role, what
    /// <paramref name="operation"/> needed it for, and the command an operator grants it with.
    /// </summary>
    public void Require(string role, string operation)
    {
        if (Has(role)) return;
        var grant = role == KeyRoles.Reviewer
            ? $"likeness keys role add {AccessKeyId} reviewer --reviewer-id REVIEWER_ID"
            : $"likeness keys role add {AccessKeyId} {role}";
        throw new AwsErrorException("AccessDeniedException",
            $"{operation} needs the {role} role, which access key {AccessKeyId} does not hold. An operator grants it with `{grant}`.");
    }
}
