using System.Security.Cryptography;
using System.Text;
using Likeness.Governance.Enforcement;
using Likeness.Governance.Policy;
using Likeness.Governance.Profiles;

namespace Likeness.Governance.Tests.Enforcement;

/// <summary>Simulate answers what Begin does, by the same checks, recording nothing; ReplacePolicy records and writes the data directory's policy.</summary>
public sealed class GovernorSimulationTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "likeness-simulate-" + Guid.NewGuid().ToString("N"));
    private readonly Governor _governor;
    private readonly DateTimeOffset _now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    public GovernorSimulationTests()
    {
        _governor = Governor.Open(_directory, clock: () => _now);
        _governor.Profiles.Set("police", "Springfield Police Department", Sector.LawEnforcement, new Jurisdiction("US", "IL", "Springfield"));
        _governor.Profiles.Set("ngo", "Thorn", Sector.Nonprofit, new Jurisdiction("US", "CA", "Los Angeles"));
        _governor.Profiles.SetUseCase("ngo", UseCases.MissingPersonIdentification, UseCaseStatus.Approved);
    }

    public void Dispose()
    {
        _governor.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private PolicyVerdict Simulate(CallerContext caller, string operation, double? threshold) =>
        _governor.Simulate(new PolicyRequest(_governor.Profiles.Get(caller.AccountId), caller.UseCase, caller.CaseId, Governor.ClassOf(operation), _now), operation, threshold, 80);

    [Theory]
    [InlineData("police", null, "case-1", 99.0)]
    [InlineData("ngo", UseCases.MissingPersonIdentification, "case-1", 80.0)]
    [InlineData("ngo", UseCases.MissingPersonIdentification, null, 99.0)]
    [InlineData("ngo", UseCases.PublicSafetyInvestigation, "case-1", 99.0)]
    public void ARefusedRequestIsRefusedBySimulationWithTheSameRuleAndMessageAndNothingRecorded(string account, string? useCase, string? caseId, double threshold)
    {
        var caller = new CallerContext(account, "KEY", useCase, caseId);
        var verdict = Simulate(caller, "SearchFacesByImage", threshold);
        Assert.Empty(_governor.Trail.Read());

        var denied = Assert.Throws<AccessDeniedException>(() => _governor.Begin(caller, "SearchFacesByImage", "gallery", threshold, 80));
        Assert.False(verdict.Runs);
        Assert.Equal(denied.Rule, verdict.RefusingRule);
        Assert.Equal(denied.Message, verdict.Refusal);
    }

    [Fact]
    public void AnAllowedRequestRunsInSimulationWithItsObligations()
    {
        var caller = new CallerContext("ngo", "KEY", UseCases.MissingPersonIdentification, "case-1");
        var verdict = Simulate(caller, "SearchFacesByImage", 99);

        Assert.True(verdict.Runs);
        Assert.Null(verdict.Refusal);
        Assert.Equal(("child-safety-exemption", 99.0, true), (verdict.Decision.DecidingRule, verdict.Decision.MinThreshold!.Value, verdict.Decision.HumanReviewRequired));
        Assert.True(_governor.Begin(caller, "SearchFacesByImage", "gallery", 99, 80).Decision.Allowed);
    }

    [Fact]
    public void TheDefaultThresholdIsJudgedWhenTheRequestGivesNone()
    {
        var verdict = Simulate(new CallerContext("ngo", "KEY", UseCases.MissingPersonIdentification, "case-1"), "SearchFacesByImage", null);
        Assert.Equal("public-safety-floor", verdict.RefusingRule);
        Assert.Contains("asked for 80", verdict.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void ReplacingThePolicyRecordsItsVersionAndHashThenWritesTheDataDirectorysPolicyFile()
    {
        var json = """{ "version": "local-1", "rules": [ { "id": "closed", "effect": { "deny": "closed for maintenance" } } ] }""";
        var document = _governor.ReplacePolicy(json, new CallerContext("gov-account", "GOVKEY"));

        Assert.Equal("local-1", document.Version);
        Assert.Equal("local-1", _governor.Policy.Current.Document.Version);
        var path = Path.Combine(_directory, PolicyProvider.DataDirectoryFileName);
        Assert.Equal(json, File.ReadAllText(path));
        Assert.Equal(Path.GetFullPath(path), _governor.Policy.Source);
        var record = Assert.Single(_governor.Trail.Read()).Entry;
        Assert.Equal((Governor.PutPolicyOperation, "gov-account", "GOVKEY"), (record.Operation, record.AccountId, record.AccessKeyId));
        Assert.Contains("policy version local-1 (was 2021-05-18.1)", record.Detail, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json))), record.Detail, StringComparison.Ordinal);

        // The next Governor on this data directory (the CLI, a restarted server) uses it too.
        using var again = Governor.Open(_directory);
        Assert.Equal("local-1", again.Policy.Current.Document.Version);
    }

    [Fact]
    public void AnInvalidReplacementChangesNothing()
    {
        Assert.Throws<PolicyException>(() => _governor.ReplacePolicy("""{ "version": "broken" }""", new CallerContext("gov-account", "GOVKEY")));
        Assert.Same(PolicyDocument.Default, _governor.Policy.Current.Document);
        Assert.Empty(_governor.Trail.Read());
        Assert.False(File.Exists(Path.Combine(_directory, PolicyProvider.DataDirectoryFileName)));
    }
}
