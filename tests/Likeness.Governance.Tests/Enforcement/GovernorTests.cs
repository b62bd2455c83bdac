using Likeness.Governance.Enforcement;
using Likeness.Governance.Profiles;
using Likeness.Governance.Review;

namespace Likeness.Governance.Tests.Enforcement;

/// <summary>The default policy enforced through the Governor: refusals are thrown and recorded, obligations enforced, candidates queued.</summary>
public sealed class GovernorTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "likeness-governor-" + Guid.NewGuid().ToString("N"));
    private readonly Governor _governor;
    private DateTimeOffset _now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    public GovernorTests()
    {
        _governor = Governor.Open(_directory, clock: () => _now);
        _governor.Profiles.Set("police", "Springfield Police Department", Sector.LawEnforcement, new Jurisdiction("US", "IL", "Springfield"));
        _governor.Profiles.Set("ngo", "Thorn", Sector.Nonprofit, new Jurisdiction("US", "CA", "Los Angeles"));
        _governor.Profiles.SetUseCase("ngo", UseCases.AntiTraffickingVictimIdentification, UseCaseStatus.Approved);
        _governor.Profiles.Set("shop", "Photo Shop", Sector.Commercial, new Jurisdiction("US", "CA", "San Francisco"));
    }

    public void Dispose()
    {
        _governor.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void PoliceIdentificationIsRefusedNamingTheMoratoriumAndTheRefusalIsRecorded()
    {
        var e = Assert.Throws<AccessDeniedException>(() => _governor.Begin(new CallerContext("police", "KEY1"), "SearchFacesByImage", "mugshots", 99));
        Assert.Equal("police-moratorium-2020", e.Rule);
        Assert.Contains("until further notice", e.Message);
        var record = Assert.Single(_governor.Trail.Read());
        Assert.Equal(("denied", "police-moratorium-2020", "KEY1"), (record.Entry.Decision, record.Entry.Rule, record.Entry.AccessKeyId));
    }

    [Fact]
    public void BeforeTheMoratoriumThePoliceCouldSearch()
    {
        _now = new DateTimeOffset(2020, 6, 9, 12, 0, 0, TimeSpan.Zero);
        var call = _governor.Begin(new CallerContext("police", CaseId: "case-1"), "SearchFacesByImage", "mugshots", 99);
        Assert.True(call.Decision.Allowed);
    }

    [Fact]
    public void PoliceMayStillAnalyseAndIndex()
    {
        Assert.True(_governor.Begin(new CallerContext("police"), "DetectFaces", null, null).Decision.Allowed);
        Assert.True(_governor.Begin(new CallerContext("police"), "IndexFaces", "mugshots", null).Decision.Allowed);
    }

    [Fact]
    public void TheExemptNgoNeedsAnApprovedUseCaseACaseIdAndThreshold99()
    {
        var ngo = new CallerContext("ngo", "KEY2", UseCases.AntiTraffickingVictimIdentification, "case-7");
        Assert.Contains("99", Assert.Throws<AccessDeniedException>(() => _governor.Begin(ngo, "SearchFacesByImage", "victims", 80)).Message);
        Assert.Contains("99", Assert.Throws<AccessDeniedException>(() => _governor.Begin(ngo, "SearchFacesByImage", "victims", null, defaultThreshold: 80)).Message);
        Assert.Contains("case id", Assert.Throws<AccessDeniedException>(() => _governor.Begin(ngo with { CaseId = null }, "SearchFacesByImage", "victims", 99)).Message);
        var call = _governor.Begin(ngo, "SearchFacesByImage", "victims", 99);
        Assert.True(call.Decision.HumanReviewRequired);
        Assert.Equal(99, call.Decision.MinThreshold);

        // A use case the account has not had approved is refused outright.
        Assert.Throws<AccessDeniedException>(() => _governor.Begin(ngo with { UseCase = UseCases.MissingPersonIdentification }, "SearchFacesByImage", "victims", 99));
    }

    [Fact]
    public void AKeyBoundToAUseCaseAppliesItWhenTheRequestNamesNone()
    {
        _governor.Profiles.BindKey("NGOKEY", UseCases.AntiTraffickingVictimIdentification);
        var call = _governor.Begin(new CallerContext("ngo", "NGOKEY", CaseId: "case-9"), "SearchFaces", "victims", 99.5);
        Assert.Equal(UseCases.AntiTraffickingVictimIdentification, call.UseCase);
        Assert.True(call.Decision.Allowed);
    }

    [Fact]
    public void MatchesUnderReviewRequiredRulesAreQueuedAndTheDecisionIsChained()
    {
        var ngo = new CallerContext("ngo", "KEY2", UseCases.AntiTraffickingVictimIdentification, "case-7");
        var (result, reviews) = _governor.Run(ngo, "SearchFacesByImage", "victims", 99, 80, () => "result",
            describe: _ => new Outcome(2, "1.0", [("face-a", 99.7), ("face-b", 99.2)]), gallerySize: () => 25_000);
        Assert.Equal("result", result);
        Assert.Equal(2, reviews.Count);
        var pending = _governor.Reviews.List(ReviewQueue.Pending, caseId: "case-7");
        Assert.Equal(["face-a", "face-b"], pending.Select(p => p.CandidateFaceId));
        var searched = _governor.Trail.Read().Last().Entry;
        Assert.Equal((25_000L, 2, "allowed-pending-review"), (searched.GallerySize!.Value, searched.ResultCount!.Value, searched.Decision));

        Assert.Throws<InvalidOperationException>(() => _governor.Reviews.Decide(reviews[0], "nobody", confirm: true, note: null));
        _governor.Reviews.AddReviewer("rev1", "R. Reviewer", "analyst", new DateOnly(2026, 1, 10));
        _governor.Reviews.AddReviewer("stale", "S. Stale", "analyst", new DateOnly(2020, 1, 10));
        Assert.Contains("training", Assert.Throws<InvalidOperationException>(() => _governor.Reviews.Decide(reviews[0], "stale", confirm: true, note: null, now: _now)).Message);
        var decided = _governor.Reviews.Decide(reviews[0], "rev1", confirm: false, note: "different person", now: _now);
        Assert.Equal(ReviewQueue.Rejected, decided.Status);
        Assert.Throws<InvalidOperationException>(() => _governor.Reviews.Decide(reviews[0], "rev1", confirm: true, note: null, now: _now));
        Assert.Equal("review-rejected", _governor.Trail.Read().Last().Entry.Decision);
        Assert.True(_governor.Trail.Verify().Intact);
    }

    [Fact]
    public void AnalysisIsNotRecordedButIdentificationIs()
    {
        _governor.Run(new CallerContext("shop"), "DetectFaces", null, null, null, () => 0);
        Assert.Empty(_governor.Trail.Read());
        _governor.Run(new CallerContext("shop"), "SearchFaces", "photos", 90, 80, () => 0, describe: _ => new Outcome(0, "1.0", []), gallerySize: () => 10);
        Assert.Equal("SearchFaces", Assert.Single(_governor.Trail.Read()).Entry.Operation);
    }
}
