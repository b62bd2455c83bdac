using Likeness.Governance.Audits;
using Likeness.Governance.Enforcement;
using Likeness.Governance.Tests.Audits;

namespace Likeness.Governance.Tests.Enforcement;

/// <summary>biasAuditRequired enforced: refused until a passing demographics audit of the service's face model is recorded.</summary>
public sealed class GovernorBiasAuditTests : IDisposable
{
    private const string Policy = """
        {
          "version": "audits-1",
          "rules": [
            { "id": "audit-before-identification", "match": { "operations": ["identification"] }, "effect": { "biasAuditRequired": true } },
            { "id": "tight-audit-for-research", "match": { "sectors": ["research"], "operations": ["identification"] }, "effect": { "biasAuditRequired": { "maxRatioToCalibrated": 4 } } }
          ]
        }
        """;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "likeness-governor-audits-" + Guid.NewGuid().ToString("N"));
    private readonly DateTimeOffset _now = BiasAudits.Completed.AddDays(30);
    private readonly Governor _governor;

    public GovernorBiasAuditTests()
    {
        Directory.CreateDirectory(_directory);
        var policyPath = Path.Combine(_directory, "policy.json");
        File.WriteAllText(policyPath, Policy);
        _governor = Open(policyPath, BiasAudits.Model);
        _governor.Profiles.Set("lab", "University Lab", Likeness.Governance.Profiles.Sector.Research, new Likeness.Governance.Profiles.Jurisdiction("US", "WA"));
    }

    private Governor Open(string policyPath, string? model) => Governor.Open(Path.Combine(_directory, "data"), policyPath, clock: () => _now, faceModelId: model);

    public void Dispose()
    {
        _governor.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void AnIdentificationUnderABiasAuditRuleIsRefusedWhileNoAuditIsRecorded()
    {
        var e = Assert.Throws<AccessDeniedException>(() => _governor.Begin(new CallerContext("shop"), "SearchFacesByImage", "photos", 99));

        Assert.Equal("audit-before-identification", e.Rule);
        Assert.Contains($"this use requires a passing bias audit of the face model: no demographics audit of model {BiasAudits.Model} is recorded", e.Message, StringComparison.Ordinal);
        var denied = Assert.Single(_governor.Trail.Read()).Entry;
        Assert.Equal(("denied", "audit-before-identification"), (denied.Decision, denied.Rule));
        Assert.True(_governor.Begin(new CallerContext("shop"), "CompareFaces", null, 80).Decision.Allowed);
    }

    [Fact]
    public void APassingAuditAllowsTheIdentificationAndTheTrailNamesIt()
    {
        _governor.Audits.Record(BiasAudits.Demographics());

        var call = _governor.Begin(new CallerContext("shop"), "SearchFacesByImage", "photos", 99);
        Assert.Equal("audit-2026-01", call.BiasAuditId);
        _governor.Run(new CallerContext("shop"), "SearchFaces", "photos", 99, 80, () => 0, describe: _ => new Outcome(0, "1.0", []), gallerySize: () => 10);

        var searched = _governor.Trail.Read().Last().Entry;
        Assert.Equal(("SearchFaces", "allowed", "bias audit audit-2026-01 passed"), (searched.Operation, searched.Decision, searched.Detail));
        Assert.True(_governor.Trail.Verify().Intact);
    }

    [Fact]
    public void AnAuditThatFailsAtTheRequestsThresholdStillRefuses()
    {
        _governor.Audits.Record(BiasAudits.Demographics());

        // At the default 80 the audited worst group is 48.7x the calibration.
        var e = Assert.Throws<AccessDeniedException>(() => _governor.Begin(new CallerContext("shop"), "SearchFaces", "photos", null, defaultThreshold: 80));

        Assert.Equal("audit-before-identification", e.Rule);
        Assert.Contains("group asian-female's false-match rate 4.9E-3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheRefusalNamesTheRuleWhoseOwnRequirementFails()
    {
        _governor.Audits.Record(BiasAudits.Demographics());

        // At 95 the worst group is 5x the calibration: within the default 10x, above the research rule's 4x.
        var e = Assert.Throws<AccessDeniedException>(() => _governor.Begin(new CallerContext("lab"), "SearchFaces", "photos", 95));

        Assert.Equal("tight-audit-for-research", e.Rule);
        Assert.Contains("above the policy's bound of 4x", e.Message, StringComparison.Ordinal);
        Assert.True(_governor.Begin(new CallerContext("lab"), "SearchFaces", "photos", 99).Decision.Allowed);
    }

    [Fact]
    public void AnAuditOfAnotherModelDoesNotClearTheServicesModel()
    {
        _governor.Audits.Record(BiasAudits.Demographics(model: "mobilefacenet/five-point112"));

        Assert.Throws<AccessDeniedException>(() => _governor.Begin(new CallerContext("shop"), "SearchFaces", "photos", 99));
    }

    [Fact]
    public void AGovernorOpenedWithoutAFaceModelRefusesUnderABiasAuditRule()
    {
        _governor.Audits.Record(BiasAudits.Demographics());
        using var unnamed = Open(Path.Combine(_directory, "policy.json"), model: null);

        var e = Assert.Throws<AccessDeniedException>(() => unnamed.Begin(new CallerContext("shop"), "SearchFaces", "photos", 99));

        Assert.Contains("without naming its face model", e.Message, StringComparison.Ordinal);
    }
}
