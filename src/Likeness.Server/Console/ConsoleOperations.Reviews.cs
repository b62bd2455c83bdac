using Likeness.Governance.Profiles;
using Likeness.Governance.Review;
using Likeness.Server.Protocol;

namespace Likeness.Server.Console;

/// <summary>Human review: the queue of every account, and a reviewer key's final decisions, chained into the audit trail.</summary>
public sealed partial class ConsoleOperations
{
    private static readonly string[] ReviewStatuses = [ReviewQueue.Pending, ReviewQueue.Confirmed, ReviewQueue.Rejected];
    private static readonly string[] ReviewDecisions = ["CONFIRM", "REJECT"];

    private object ListReviews(ConsoleCaller caller, ConsoleRequest request)
    {
        caller.Require(KeyRoles.Reviewer, "ListReviews");
        var status = request.OneOf("Status", ReviewStatuses);
        var caseId = request.String("CaseId", 128);
        return new { Reviews = _governor.Reviews.List(status, accountId: null, caseId).Select(Review).ToList() };
    }

    private object DecideReview(ConsoleCaller caller, ConsoleRequest request)
    {
        caller.Require(KeyRoles.Reviewer, "DecideReview");
        var reviewId = request.Required("ReviewId", 64);
        var decision = request.OneOf("Decision", ReviewDecisions) ?? throw ConsoleRequest.Invalid("Decision", "is required: CONFIRM or REJECT");
        var note = request.String("Note", 2000, multiline: true);
        var reviewerId = caller.ReviewerId!;
        var item = _governor.Reviews.Find(reviewId) ?? throw new AwsErrorException("ResourceNotFoundException", $"No review {reviewId}.");
        if (item.Status != ReviewQueue.Pending)
        {
            throw new AwsErrorException("ConflictException", $"Review {reviewId} was already {item.Status} by {item.ReviewerId}; decisions are final.");
        }
        try
        {
            return new { Review = Review(_governor.Reviews.Decide(reviewId, reviewerId, decision == "CONFIRM", note, accessKeyId: caller.AccessKeyId)) };
        }
        catch (InvalidOperationException e)
        {
            // What is left after the checks above: the reviewer's training has lapsed (or is dated in the future), or another decision won the race.
            var decided = _governor.Reviews.Find(reviewId)?.Status != ReviewQueue.Pending;
            throw new AwsErrorException(decided ? "ConflictException" : "AccessDeniedException", e.Message);
        }
    }

    private static object Review(ReviewItem item) => new
    {
        item.ReviewId,
        item.AccountId,
        item.CaseId,
        item.UseCase,
        item.Operation,
        item.CollectionId,
        FaceId = item.CandidateFaceId,
        item.Similarity,
        item.Status,
        CreatedAt = item.Created,
        DecidedAt = item.Decided,
        item.ReviewerId,
        item.Note,
    };
}
