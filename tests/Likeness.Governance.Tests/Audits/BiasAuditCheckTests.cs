using Likeness.Governance.Audits;

namespace Likeness.Governance.Tests.Audits;

/// <summary>The rules a demographics audit is judged by: which model, how old, which row, which bounds.</summary>
public sealed class BiasAuditCheckTests
{
    private static readonly DateTimeOffset Now = BiasAudits.Completed.AddDays(30);

    private static BiasAuditCheckResult Check(double? threshold, BiasAuditRecord? audit = null, BiasAuditRequirement? requirement = null, DateTimeOffset? now = null) =>
        BiasAuditCheck.Evaluate(audit ?? BiasAudits.Demographics(), requirement ?? BiasAuditRequirement.Default, threshold, BiasAudits.Model, now ?? Now);

    [Fact]
    public void NoAuditRecordedFailsAndSaysHowToRecordOne()
    {
        var result = BiasAuditCheck.Evaluate(null, BiasAuditRequirement.Default, 99, BiasAudits.Model, Now);

        Assert.False(result.Passed);
        Assert.Equal($"no demographics audit of model {BiasAudits.Model} is recorded; run `likeness audit demographics ... --record` on model {BiasAudits.Model}", result.Reason);
        Assert.Null(result.AuditId);
    }

    [Fact]
    public void AnAuditOfAnotherModelDoesNotCount()
    {
        var result = Check(99, BiasAudits.Demographics(model: "mobilefacenet/five-point112"));

        Assert.False(result.Passed);
        Assert.StartsWith($"no demographics audit of model {BiasAudits.Model} is recorded", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAuditOfAnotherKindDoesNotCount() =>
        Assert.False(Check(99, BiasAudits.Demographics() with { Kind = BiasAuditKinds.FalseMatches }).Passed);

    [Fact]
    public void AnAuditOlderThanMaxAgeDaysFailsNamingItsDate()
    {
        var result = Check(99, now: BiasAudits.Completed.AddDays(400));

        Assert.False(result.Passed);
        Assert.Contains("audit-2026-01 of 2026-01-15, is 400 days old; this use requires one at most 365 days old", result.Reason, StringComparison.Ordinal);
        Assert.True(Check(99, now: BiasAudits.Completed.AddDays(365)).Passed);
        Assert.False(Check(99, requirement: new BiasAuditRequirement(MaxAgeDays: 29)).Passed);
    }

    [Fact]
    public void AnAuditDatedInTheFutureFails() =>
        Assert.Contains("in the future", Check(99, now: BiasAudits.Completed.AddDays(-3)).Reason, StringComparison.Ordinal);

    [Fact]
    public void AThresholdBelowTheAuditedRangeIsNotCovered()
    {
        var result = Check(70);

        Assert.False(result.Passed);
        Assert.Contains("does not cover threshold 70 (its lowest audited threshold is 80)", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TheRowJudgedIsTheHighestAuditedThresholdAtOrBelowTheRequests()
    {
        var at97 = Check(97);
        Assert.True(at97.Passed, at97.Reason);
        Assert.Contains("at threshold 95 (the highest audited at or below the request's 97)", at97.Reason, StringComparison.Ordinal);

        // 89.9 falls back to the row at 80, where the worst group is 48.7x the calibration.
        Assert.False(Check(89.9).Passed);
        Assert.True(Check(90).Passed);
        Assert.Contains("at threshold 99", Check(100).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutARequestThresholdTheLowestAuditedRowIsJudged() =>
        Assert.Contains("at threshold 80 (the lowest audited; the request gives none)", Check(null).Reason, StringComparison.Ordinal);

    [Fact]
    public void AWorstGroupAboveTheRatioToTheCalibrationFailsNamingGroupRateBoundAndAudit()
    {
        var result = Check(80);

        Assert.False(result.Passed);
        Assert.Equal("audit-2026-01", result.AuditId);
        Assert.Equal("in demographics audit audit-2026-01 of 2026-01-15, at threshold 80 (the highest audited at or below the request's 80), " +
            "group asian-female's false-match rate 4.9E-3 (296 of 60724 impostor pairs) is 48.7x the calibrated 1E-4, above the policy's bound of 10x (1E-3): " +
            "Similarity 80 does not mean for this group what it means for the population", result.Reason);
        Assert.False(Check(95, requirement: new BiasAuditRequirement(MaxRatioToCalibrated: 4)).Passed);
        Assert.True(Check(95, requirement: new BiasAuditRequirement(MaxRatioToCalibrated: 6)).Passed);
    }

    [Fact]
    public void AWorstGroupAboveTheAbsoluteBoundFails()
    {
        var result = Check(95, requirement: new BiasAuditRequirement(MaxWorstGroupFalseMatchRate: 1e-6));

        Assert.False(result.Passed);
        Assert.Contains("group asian-female's false-match rate 5E-6 (3 of 600000 impostor pairs) is above the policy's bound of 1E-6", result.Reason, StringComparison.Ordinal);
        Assert.True(Check(99, requirement: new BiasAuditRequirement(MaxWorstGroupFalseMatchRate: 1e-6)).Passed);
    }

    [Fact]
    public void APassNamesTheAuditItsDateAndTheWorstGroupsFigure()
    {
        var result = Check(99);

        Assert.True(result.Passed);
        Assert.Equal("audit-2026-01", result.AuditId);
        Assert.Equal("demographics audit audit-2026-01 of 2026-01-15 passes: at threshold 99 (the highest audited at or below the request's 99), " +
            "worst group black-male's false-match rate 0 (0 of 600000 impostor pairs) is within 10x the calibrated 1E-7", result.Reason);
    }

    [Fact]
    public void TheStrictestOfTwoRequirementsTakesTheShorterAgeAndTheLowerBounds()
    {
        var a = new BiasAuditRequirement(MaxAgeDays: 180, MaxRatioToCalibrated: 20);
        var b = new BiasAuditRequirement(MaxWorstGroupFalseMatchRate: 1e-5, MaxRatioToCalibrated: 5);

        Assert.Equal(new BiasAuditRequirement(180, 1e-5, 5), a.Strictest(b));
        Assert.Equal(a.Strictest(b), b.Strictest(a));
        Assert.Equal(new BiasAuditRequirement(180, 1e-6, 5), a.Strictest(b).Strictest(new BiasAuditRequirement(MaxWorstGroupFalseMatchRate: 1e-6)));
    }

    [Fact]
    public void ARequirementRefusesNonPositiveBounds()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BiasAuditRequirement(MaxAgeDays: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BiasAuditRequirement(MaxWorstGroupFalseMatchRate: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BiasAuditRequirement(MaxWorstGroupFalseMatchRate: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BiasAuditRequirement(MaxRatioToCalibrated: -1));
    }
}
