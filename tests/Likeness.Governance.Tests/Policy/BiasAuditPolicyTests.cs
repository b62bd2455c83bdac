using Likeness.Governance.Audits;
using Likeness.Governance.Policy;
using Likeness.Governance.Profiles;
using static Likeness.Governance.Tests.Policy.PolicyRequests;

namespace Likeness.Governance.Tests.Policy;

/// <summary>The biasAuditRequired effect: true or an object of bounds, strictly parsed, combined to the strictest, shown in words.</summary>
public sealed class BiasAuditPolicyTests
{
    private static string Rules(params string[] effects) =>
        $$"""{ "version": "v", "rules": [ {{string.Join(", ", effects.Select((e, i) => $$"""{ "id": "r{{i}}", "effect": {{e}} }"""))}} ] }""";

    private static BiasAuditRequirement? Parsed(string effect) => Assert.Single(PolicyDocument.Parse(Rules(effect)).Rules).Effect.BiasAudit;

    private static string ErrorOf(string effect) => Assert.Throws<PolicyException>(() => PolicyDocument.Parse(Rules(effect))).Message;

    [Fact]
    public void TrueMeansTheDefaultRequirement()
    {
        Assert.Equal(BiasAuditRequirement.Default, Parsed("""{ "biasAuditRequired": true }"""));
        Assert.Equal(new BiasAuditRequirement(365, null, 10), BiasAuditRequirement.Default);
    }

    [Fact]
    public void FalseMeansNoRequirement() =>
        Assert.Null(Parsed("""{ "biasAuditRequired": false }"""));

    [Fact]
    public void AnObjectGivesTheBoundsAndDefaultsTheRest()
    {
        Assert.Equal(new BiasAuditRequirement(180, 1e-5, 5), Parsed("""{ "biasAuditRequired": { "maxAgeDays": 180, "maxWorstGroupFalseMatchRate": 1e-5, "maxRatioToCalibrated": 5 } }"""));
        Assert.Equal(new BiasAuditRequirement(MaxAgeDays: 90), Parsed("""{ "biasAuditRequired": { "maxAgeDays": 90 } }"""));
        Assert.Equal(BiasAuditRequirement.Default, Parsed("""{ "biasAuditRequired": {} }"""));
    }

    [Theory]
    [InlineData("""{ "maxAge": 90 }""", "$.rules[0].effect.biasAuditRequired.maxAge: unknown property; expected maxAgeDays, maxWorstGroupFalseMatchRate, maxRatioToCalibrated")]
    [InlineData("""{ "maxAgeDays": 0 }""", "$.rules[0].effect.biasAuditRequired.maxAgeDays: 0 is not a positive whole number of days")]
    [InlineData("""{ "maxAgeDays": -30 }""", "$.rules[0].effect.biasAuditRequired.maxAgeDays: -30 is not a positive whole number of days")]
    [InlineData("""{ "maxAgeDays": 30.5 }""", "$.rules[0].effect.biasAuditRequired.maxAgeDays: 30.5 is not a positive whole number of days")]
    [InlineData("""{ "maxAgeDays": "365" }""", "$.rules[0].effect.biasAuditRequired.maxAgeDays: expected a number, found a string")]
    [InlineData("""{ "maxWorstGroupFalseMatchRate": 0 }""", "$.rules[0].effect.biasAuditRequired.maxWorstGroupFalseMatchRate: 0 is not a false-match rate above 0 and at most 1")]
    [InlineData("""{ "maxWorstGroupFalseMatchRate": 5 }""", "$.rules[0].effect.biasAuditRequired.maxWorstGroupFalseMatchRate: 5 is not a false-match rate above 0 and at most 1")]
    [InlineData("""{ "maxRatioToCalibrated": -1 }""", "$.rules[0].effect.biasAuditRequired.maxRatioToCalibrated: -1 is not positive")]
    [InlineData("""{ "maxRatioToCalibrated": 0 }""", "$.rules[0].effect.biasAuditRequired.maxRatioToCalibrated: 0 is not positive")]
    [InlineData("""{ "maxAgeDays": 90, "maxAgeDays": 30 }""", "$.rules[0].effect.biasAuditRequired.maxAgeDays: property appears twice")]
    public void UnknownKeysAndNonPositiveBoundsAreRefusedWithTheirPath(string requirement, string expected) =>
        Assert.StartsWith(expected, ErrorOf($$"""{ "biasAuditRequired": {{requirement}} }"""), StringComparison.Ordinal);

    [Theory]
    [InlineData("\"yes\"", "a string")]
    [InlineData("1", "a number")]
    [InlineData("null", "null")]
    public void AnythingButABooleanOrAnObjectIsRefused(string value, string found) =>
        Assert.Equal($"$.rules[0].effect.biasAuditRequired: expected true, false or an object with maxAgeDays, maxWorstGroupFalseMatchRate, maxRatioToCalibrated, found {found}",
            ErrorOf($$"""{ "biasAuditRequired": {{value}} }"""));

    [Fact]
    public void AnAccessRuleCannotCarryABiasAuditRequirement() =>
        Assert.StartsWith("$.rules[0].effect: 'allow' cannot be combined with obligations", ErrorOf("""{ "allow": "ok", "biasAuditRequired": { "maxAgeDays": 30 } }"""), StringComparison.Ordinal);

    [Fact]
    public void SeveralMatchingRulesCombineToTheStrictestRequirement()
    {
        var engine = new PolicyEngine(PolicyDocument.Parse(Rules(
            """{ "biasAuditRequired": { "maxAgeDays": 180, "maxRatioToCalibrated": 20 } }""",
            """{ "biasAuditRequired": true }""",
            """{ "biasAuditRequired": { "maxWorstGroupFalseMatchRate": 1e-4 } }""")));

        var decision = engine.Evaluate(Request(Sector.Commercial, OperationClass.Identification, "2022-01-01"));

        Assert.True(decision.BiasAuditRequired);
        Assert.Equal(new BiasAuditRequirement(180, 1e-4, 10), decision.BiasAudit);
    }

    [Fact]
    public void TheEffectShowsADefaultRequirementByNameAndOtherBoundsAsTheFileWritesThem()
    {
        var rules = PolicyDocument.Parse(Rules("""{ "minThreshold": 99, "biasAuditRequired": true }""", """{ "biasAuditRequired": { "maxAgeDays": 90, "maxWorstGroupFalseMatchRate": 0.00001 } }""")).Rules;

        Assert.Equal("obligations: minThreshold 99, biasAuditRequired", rules[0].Effect.ToString());
        Assert.Equal("obligations: biasAuditRequired {\"maxAgeDays\": 90, \"maxWorstGroupFalseMatchRate\": 1E-05, \"maxRatioToCalibrated\": 10}", rules[1].Effect.ToString());
    }

    [Fact]
    public void ExplainStatesTheRequirementInWords()
    {
        var engine = new PolicyEngine(PolicyDocument.Parse(Rules("""{ "biasAuditRequired": { "maxAgeDays": 90 } }""")));

        var text = engine.Explain(Request(Sector.Commercial, OperationClass.Identification, "2022-01-01"));

        Assert.Contains("r0 (obligations: biasAuditRequired {\"maxAgeDays\": 90, \"maxRatioToCalibrated\": 10}): matched; its obligations apply", text, StringComparison.Ordinal);
        Assert.Contains("Obligations: a passing bias audit: a demographics audit at most 90 days old whose worst group's false-match rate is at most 10x the calibrated rate", text, StringComparison.Ordinal);
    }
}
