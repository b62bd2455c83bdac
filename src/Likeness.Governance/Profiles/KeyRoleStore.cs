using Likeness.Collections.Storage;
using Likeness.Governance.AuditTrail;

namespace Likeness.Governance.Profiles;

/// <summary>
/// The roles (<see cref="KeyRoles"/>) operators grant access keys, in governance.db. A reviewer role names a reviewer
/// registered in the review queue; the key then decides reviews as that reviewer. Every grant and removal is chained
/// into the audit trail (account "operator"), so the trail shows who was empowered to confirm matches, and since when.
/// A key holds each role at most once; granting it again replaces the grant.
/// </summary>
public sealed class KeyRoleStore(GovernanceDatabase database, AuditTrail.AuditTrail trail, Func<DateTimeOffset>? clock = null)
{
    /// <summary>The trail operation of a grant.</summary>
    public const string GrantOperation = "GrantKeyRole";

    /// <summary>The trail operation of a removal.</summary>
    public const string RemoveOperation = "RemoveKeyRole";

    private readonly Func<DateTimeOffset> _clock = clock ?? (() => DateTimeOffset.UtcNow);

    /// <summary>
    /// Grants <paramref name="role"/> to <paramref name="accessKeyId"/> and records the grant in the trail. ArgumentException when the
    /// role is unknown, a reviewer role lacks <paramref name="reviewerId"/> or another role has one; InvalidOperationException when
    /// the reviewer is not registered (`likeness review reviewer add`). The grant and its trail record are written together.
    /// </summary>
    public KeyRole Grant(string accessKeyId, string role, string? reviewerId = null, string grantedBy = Audits.BiasAuditStore.OperatorAccount)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessKeyId);
        ArgumentException.ThrowIfNullOrWhiteSpace(grantedBy);
        if (!KeyRoles.All.Contains(role, StringComparer.Ordinal)) throw new ArgumentException($"Unknown role '{role}'; one of {string.Join(", ", KeyRoles.All)}.", nameof(role));
        if (role == KeyRoles.Reviewer && string.IsNullOrWhiteSpace(reviewerId))
            throw new ArgumentException("The reviewer role needs the id of the registered reviewer the key acts as.", nameof(reviewerId));
        if (role != KeyRoles.Reviewer && reviewerId is not null) throw new ArgumentException($"Only the reviewer role takes a reviewer id, not {role}.", nameof(reviewerId));
        return database.Write((c, t) =>
        {
            if (reviewerId is not null && !Sql.Exists(c, t, "SELECT 1 FROM reviewers WHERE reviewer_id = $r", ("$r", reviewerId)))
            {
                throw new InvalidOperationException($"No reviewer {reviewerId} is registered; add one with `likeness review reviewer add {reviewerId} --name NAME --role ROLE --trained-on YYYY-MM-DD`.");
            }
            var now = DateTimeOffset.FromUnixTimeMilliseconds(_clock().ToUnixTimeMilliseconds());
            Sql.Execute(c, t, """
                INSERT INTO key_roles (access_key_id, role, reviewer_id, granted_ms, granted_by) VALUES ($k, $r, $rev, $now, $by)
                ON CONFLICT(access_key_id, role) DO UPDATE SET reviewer_id = $rev, granted_ms = $now, granted_by = $by
                """, ("$k", accessKeyId), ("$r", role), ("$rev", reviewerId), ("$now", now.ToUnixTimeMilliseconds()), ("$by", grantedBy));
            // Appended before the transaction commits, as BiasAuditStore does: a failed append leaves no unrecorded grant.
            trail.Append(new AuditEntry(now, grantedBy, null, null, null, GrantOperation, null, null, null, null, null, "recorded", null,
                $"access key {accessKeyId} granted role {role}{(reviewerId is null ? "" : $" as reviewer {reviewerId}")}"));
            return new KeyRole(accessKeyId, role, reviewerId, now);
        });
    }

    /// <summary>Removes <paramref name="role"/> from <paramref name="accessKeyId"/> and records it; false (nothing recorded) when the key did not hold it.</summary>
    public bool Remove(string accessKeyId, string role, string removedBy = Audits.BiasAuditStore.OperatorAccount)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessKeyId);
        ArgumentException.ThrowIfNullOrWhiteSpace(removedBy);
        if (!KeyRoles.All.Contains(role, StringComparer.Ordinal)) throw new ArgumentException($"Unknown role '{role}'; one of {string.Join(", ", KeyRoles.All)}.", nameof(role));
        return database.Write((c, t) =>
        {
            var removed = Sql.Execute(c, t, "DELETE FROM key_roles WHERE access_key_id = $k AND role = $r", ("$k", accessKeyId), ("$r", role)) > 0;
            if (removed)
            {
                trail.Append(new AuditEntry(_clock(), removedBy, null, null, null, RemoveOperation, null, null, null, null, null, "recorded", null,
                    $"access key {accessKeyId} no longer holds role {role}"));
            }
            return removed;
        });
    }

    /// <summary>The roles of one key, or of every key when <paramref name="accessKeyId"/> is null, by key then role.</summary>
    public IReadOnlyList<KeyRole> List(string? accessKeyId = null) => database.Read((c, t) =>
    {
        using var command = Sql.Command(c, t, """
            SELECT access_key_id, role, reviewer_id, granted_ms FROM key_roles WHERE ($k IS NULL OR access_key_id = $k) ORDER BY access_key_id, role
            """, ("$k", accessKeyId));
        using var r = command.ExecuteReader();
        var roles = new List<KeyRole>();
        while (r.Read()) roles.Add(new KeyRole(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3))));
        return roles;
    });
}
