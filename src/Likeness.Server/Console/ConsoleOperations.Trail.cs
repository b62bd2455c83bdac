using System.Globalization;
using System.Text.Json.Serialization;
using Likeness.Governance.AuditTrail;
using Likeness.Governance.Profiles;
using Likeness.Server.Protocol;

namespace Likeness.Server.Console;

/// <summary>The audit trail: searched newest first (an account's own records, or every account's with the governance role), and verified.</summary>
public sealed partial class ConsoleOperations
{
    private const int DefaultTrailPage = 100;
    private const int MaxTrailPage = 1000;

    private object SearchAuditTrail(ConsoleCaller caller, ConsoleRequest request)
    {
        var caseId = request.String("CaseId", 128);
        var operation = request.String("Operation", 64);
        var accountId = request.String("AccountId", 64);
        var decision = request.String("Decision", 64);
        var maxResults = request.Integer("MaxResults", 1, MaxTrailPage) ?? DefaultTrailPage;
        var token = request.String("NextToken", 32);
        long? before = null;
        if (token is not null)
        {
            before = long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) && sequence > 0
                ? sequence
                : throw new AwsErrorException("InvalidPaginationTokenException", "NextToken is not one this operation returned.");
        }
        if (!caller.Has(KeyRoles.Governance))
        {
            if (accountId is not null && accountId != caller.AccountId) caller.Require(KeyRoles.Governance, "Reading another account's audit trail");
            accountId = caller.AccountId;
        }

        // The trail is a file read front to back; the newest matches are the last ones, so keep a window of one page (and one
        // more, to know whether a next page exists) while reading.
        var window = new Queue<AuditRecord>(maxResults + 1);
        foreach (var record in _governor.Trail.Read())
        {
            if (before is { } limit && record.Sequence >= limit) break;
            var entry = record.Entry;
            if ((caseId is not null && entry.CaseId != caseId) || (operation is not null && entry.Operation != operation)
                || (accountId is not null && entry.AccountId != accountId) || (decision is not null && entry.Decision != decision)) continue;
            if (window.Count == maxResults + 1) window.Dequeue();
            window.Enqueue(record);
        }
        var more = window.Count > maxResults;
        var page = window.Skip(more ? 1 : 0).Reverse().ToList();
        return new TrailPage(page.Select(TrailRecord).ToList(), more ? page[^1].Sequence.ToString(CultureInfo.InvariantCulture) : null);
    }

    private object VerifyAuditTrail()
    {
        var verification = _governor.Trail.Verify();
        return new
        {
            verification.Intact,
            verification.Records,
            LastHash = verification.Records == 0 ? null : verification.LastHash,
            Problem = verification.Intact ? null : verification.Message,
        };
    }

    private static object TrailRecord(AuditRecord record)
    {
        var e = record.Entry;
        return new
        {
            record.Sequence,
            e.Time,
            e.AccountId,
            e.AccessKeyId,
            e.UseCase,
            e.CaseId,
            e.Operation,
            e.CollectionId,
            e.Threshold,
            e.GallerySize,
            e.ModelVersion,
            e.ResultCount,
            e.Decision,
            e.Rule,
            e.Detail,
            record.Hash,
        };
    }

    private sealed record TrailPage(IReadOnlyList<object> Records, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NextToken);
}
