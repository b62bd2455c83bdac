using Likeness.Governance.Profiles;
using Likeness.Governance.Review;

namespace Likeness.Server.Tests.Console;

/// <summary>ListReviews and DecideReview: reviewer keys only, every account's queue, decisions final and chained into the trail.</summary>
public sealed class ConsoleReviewTests(ConsoleServerFixture fixture) : IClassFixture<ConsoleServerFixture>
{
    private ConsoleServer Server => fixture.Server;

    private string Enqueue(string accountId, string caseId)
    {
        using var governor = Server.Governance();
        return governor.Reviews.Enqueue(accountId, caseId, UseCases.MissingPersonIdentification, "SearchFacesByImage", "missing", [("face-1", 99.4)]).Single();
    }

    [Fact]
    public async Task AKeyWithoutTheReviewerRoleCannotListOrDecideAndIsToldHowToGetIt()
    {
        var key = Server.NewKey("plain");
        var client = Server.Client(key);

        var list = (await client.Console("ListReviews")).Error("AccessDeniedException");
        Assert.Contains("reviewer role", list, StringComparison.Ordinal);
        Assert.Contains($"likeness keys role add {key.AccessKeyId} reviewer --reviewer-id", list, StringComparison.Ordinal);
        (await client.Console("DecideReview", new { ReviewId = "x", Decision = "CONFIRM" })).Error("AccessDeniedException");

        // A governance key is not a reviewer either.
        (await Server.Client(Server.GovernanceKey()).Console("ListReviews")).Error("AccessDeniedException");
    }

    [Fact]
    public async Task AReviewerListsTheQueueOfEveryAccountFilteredByStatusAndCase()
    {
        var caseId = "case-" + Guid.NewGuid().ToString("N");
        var first = Enqueue("111111111111", caseId);
        var second = Enqueue("222222222222", caseId);
        var client = Server.Client(Server.ReviewerKey().Key);

        var reviews = (await client.Console("ListReviews", new { Status = "pending", CaseId = caseId })).Ok().GetProperty("Reviews").EnumerateArray().ToList();

        Assert.Equal([first, second], reviews.Select(r => r.GetProperty("ReviewId").GetString()));
        var review = reviews[0];
        Assert.Equal("111111111111", review.GetProperty("AccountId").GetString());
        Assert.Equal(("face-1", 99.4, "pending", "missing"), (review.GetProperty("FaceId").GetString(), review.GetProperty("Similarity").GetDouble(),
            review.GetProperty("Status").GetString(), review.GetProperty("CollectionId").GetString()));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", review.GetProperty("CreatedAt").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, review.GetProperty("DecidedAt").ValueKind);
        Assert.Empty((await client.Console("ListReviews", new { Status = "confirmed", CaseId = caseId })).Ok().GetProperty("Reviews").EnumerateArray());
    }

    [Fact]
    public async Task AReviewersDecisionIsFinalAndChainedIntoTheTrail()
    {
        var reviewId = Enqueue("333333333333", "case-" + Guid.NewGuid().ToString("N"));
        var (key, reviewerId) = Server.ReviewerKey();
        var client = Server.Client(key);

        var review = (await client.Console("DecideReview", new { ReviewId = reviewId, Decision = "REJECT", Note = "a different person:\nthe ears differ" })).Ok().GetProperty("Review");

        Assert.Equal((ReviewQueue.Rejected, reviewerId, "a different person:\nthe ears differ"),
            (review.GetProperty("Status").GetString(), review.GetProperty("ReviewerId").GetString(), review.GetProperty("Note").GetString()));
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, review.GetProperty("DecidedAt").ValueKind);
        using (var governor = Server.Governance())
        {
            Assert.True(governor.Trail.Verify().Intact);
            var decision = governor.Trail.Read().Last(r => r.Entry.Operation == "ReviewDecision" && r.Entry.Detail!.Contains(reviewId, StringComparison.Ordinal)).Entry;
            Assert.Equal(("review-rejected", key.AccessKeyId, "333333333333"), (decision.Decision, decision.AccessKeyId, decision.AccountId));
            Assert.Contains($"by {reviewerId}", decision.Detail, StringComparison.Ordinal);
        }

        var again = (await client.Console("DecideReview", new { ReviewId = reviewId, Decision = "CONFIRM" })).Error("ConflictException");
        Assert.Contains("decisions are final", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecidingAnUnknownReviewOrWithoutADecisionIsRefused()
    {
        var client = Server.Client(Server.ReviewerKey().Key);
        (await client.Console("DecideReview", new { ReviewId = Guid.NewGuid().ToString(), Decision = "CONFIRM" })).Error("ResourceNotFoundException");
        Assert.StartsWith("Decision", (await client.Console("DecideReview", new { ReviewId = "x" })).Error("InvalidParameterException"), StringComparison.Ordinal);
        Assert.StartsWith("Decision must be one of CONFIRM, REJECT", (await client.Console("DecideReview", new { ReviewId = "x", Decision = "confirm" })).Error("InvalidParameterException"), StringComparison.Ordinal);
        Assert.StartsWith("ReviewId is required", (await client.Console("DecideReview", new { Decision = "CONFIRM" })).Error("InvalidParameterException"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReviewerWhoseTrainingLapsedIsDenied()
    {
        var reviewId = Enqueue("444444444444", "case-" + Guid.NewGuid().ToString("N"));
        var (key, reviewerId) = Server.ReviewerKey();
        using (var governor = Server.Governance())
        {
            governor.Reviews.AddReviewer(reviewerId, "R. Reviewer", "analyst", new DateOnly(2020, 1, 1));
        }

        Assert.Contains("training", (await Server.Client(key).Console("DecideReview", new { ReviewId = reviewId, Decision = "CONFIRM" })).Error("AccessDeniedException"), StringComparison.Ordinal);
    }
}
