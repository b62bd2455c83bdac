using Likeness.Collections.Storage;
using Likeness.Governance.AuditTrail;

namespace Likeness.Governance.Review;

/// <summary>
/// Candidate matches flagged for human review under a review-required rule, and the reviewers who may
/// decide them. A decision needs a registered reviewer trained within <see cref="TrainingValidity"/>, is
/// final, and is chained into the audit trail (who, which candidate, confirmed or rejected, when).
/// </summary>
public sealed class ReviewQueue(GovernanceDatabase database, AuditTrail.AuditTrail trail)
{
    public const string Pending = "pending";
    public const string Confirmed = "confirmed";
    public const string Rejected = "rejected";

    /// <summary>How long a reviewer's training counts.</summary>
    public static readonly TimeSpan TrainingValidity = TimeSpan.FromDays(365);

    public Reviewer AddReviewer(string reviewerId, string name, string role, DateOnly trainedOn)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        database.Write((c, t) => Sql.Command(c, t, """
            INSERT INTO reviewers (reviewer_id, name, role, trained_on) VALUES ($id, $n, $r, $d)
            ON CONFLICT(reviewer_id) DO UPDATE SET name = $n, role = $r, trained_on = $d
            """, ("$id", reviewerId), ("$n", name), ("$r", role), ("$d", Profiles.ProfileStore.Date(trainedOn))).ExecuteNonQuery());
        return new Reviewer(reviewerId, name, role, trainedOn);
    }

    public IReadOnlyList<Reviewer> Reviewers() => database.Read((c, t) =>
    {
        using var command = Sql.Command(c, t, "SELECT reviewer_id, name, role, trained_on FROM reviewers ORDER BY reviewer_id");
        using var reader = command.ExecuteReader();
        var list = new List<Reviewer>();
        while (reader.Read()) list.Add(new Reviewer(reader.GetString(0), reader.GetString(1), reader.GetString(2), DateOnly.Parse(reader.GetString(3), System.Globalization.CultureInfo.InvariantCulture)));
        return list;
    });

    /// <summary>Queues each candidate for review; returns their review ids in order.</summary>
    public IReadOnlyList<string> Enqueue(string accountId, string? caseId, string? useCase, string operation, string? collectionId, IReadOnlyList<(string FaceId, double Similarity)> candidates)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return database.Write((c, t) => candidates.Select(candidate =>
        {
            var id = Guid.NewGuid().ToString();
            Sql.Command(c, t, """
                INSERT INTO reviews (review_id, account, case_id, use_case, operation, collection_id, candidate_face_id, similarity, created_ms, status)
                VALUES ($id, $a, $case, $u, $op, $col, $f, $s, $now, 'pending')
                """, ("$id", id), ("$a", accountId), ("$case", caseId), ("$u", useCase), ("$op", operation), ("$col", collectionId),
                ("$f", candidate.FaceId), ("$s", candidate.Similarity), ("$now", now)).ExecuteNonQuery();
            return id;
        }).ToList());
    }

    /// <summary>Review items, oldest first, optionally only one status, account or case.</summary>
    public IReadOnlyList<ReviewItem> List(string? status = null, string? accountId = null, string? caseId = null) => Query(status, accountId, caseId, reviewId: null);

    /// <summary>The review item with id <paramref name="reviewId"/>, or null.</summary>
    public ReviewItem? Find(string reviewId)
    {
        ArgumentNullException.ThrowIfNull(reviewId);
        return Query(null, null, null, reviewId).SingleOrDefault();
    }

    private IReadOnlyList<ReviewItem> Query(string? status, string? accountId, string? caseId, string? reviewId) => database.Read((c, t) =>
    {
        using var command = Sql.Command(c, t, """
            SELECT review_id, account, case_id, use_case, operation, collection_id, candidate_face_id, similarity, created_ms, status, reviewer_id, decided_ms, note
            FROM reviews WHERE ($s IS NULL OR status = $s) AND ($a IS NULL OR account = $a) AND ($c IS NULL OR case_id = $c) AND ($id IS NULL OR review_id = $id)
            ORDER BY created_ms, rowid
            """, ("$s", status), ("$a", accountId), ("$c", caseId), ("$id", reviewId));
        using var r = command.ExecuteReader();
        var list = new List<ReviewItem>();
        while (r.Read())
        {
            list.Add(new ReviewItem(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4),
                r.IsDBNull(5) ? null : r.GetString(5), r.GetString(6), r.GetDouble(7), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(8)), r.GetString(9),
                r.IsDBNull(10) ? null : r.GetString(10), r.IsDBNull(11) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(11)), r.IsDBNull(12) ? null : r.GetString(12)));
        }
        return list;
    });

    /// <summary>
    /// A reviewer's final decision on a pending item, recorded in the trail (with <paramref name="accessKeyId"/>, the key the
    /// decision was sent with, when it came over the network); InvalidOperationException names what is wrong (unknown item,
    /// already decided, unknown or untrained reviewer).
    /// </summary>
    public ReviewItem Decide(string reviewId, string reviewerId, bool confirm, string? note, DateTimeOffset? now = null, string? accessKeyId = null)
    {
        var time = now ?? DateTimeOffset.UtcNow;
        var reviewer = Reviewers().FirstOrDefault(r => r.ReviewerId == reviewerId)
            ?? throw new InvalidOperationException($"No reviewer {reviewerId} is registered; add one with `likeness review reviewer add`.");
        var trained = reviewer.TrainedOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        if (trained > time.UtcDateTime || time.UtcDateTime - trained > TrainingValidity)
        {
            throw new InvalidOperationException($"Reviewer {reviewerId}'s training ({reviewer.TrainedOn:yyyy-MM-dd}) is not within the last {TrainingValidity.TotalDays:F0} days; record a current training date first.");
        }
        var item = Find(reviewId) ?? throw new InvalidOperationException($"No review item {reviewId}.");
        if (item.Status != Pending) throw new InvalidOperationException($"Review item {reviewId} was already {item.Status} by {item.ReviewerId}; decisions are final.");
        var status = confirm ? Confirmed : Rejected;
        var changed = database.Write((c, t) => Sql.Command(c, t,
            "UPDATE reviews SET status = $s, reviewer_id = $r, decided_ms = $now, note = $n WHERE review_id = $id AND status = 'pending'",
            ("$s", status), ("$r", reviewerId), ("$now", time.ToUnixTimeMilliseconds()), ("$n", note), ("$id", reviewId)).ExecuteNonQuery());
        // Checked and decided in separate transactions: a concurrent decision wins the UPDATE and this one stops here, unrecorded.
        if (changed == 0) throw new InvalidOperationException($"Review item {reviewId} was decided by someone else meanwhile; decisions are final.");
        trail.Append(new AuditEntry(time, item.AccountId, accessKeyId, item.UseCase, item.CaseId, "ReviewDecision", item.CollectionId, null, null, null, null,
            confirm ? "review-confirmed" : "review-rejected", null,
            $"review {reviewId}: candidate face {item.CandidateFaceId} (similarity {item.Similarity:F1}) {status} by {reviewerId} ({reviewer.Role})"));
        return item with { Status = status, ReviewerId = reviewerId, Decided = DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds()), Note = note };
    }
}
