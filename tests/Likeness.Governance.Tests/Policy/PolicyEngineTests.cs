using Likeness.Governance.Policy;
using Likeness.Governance.Profiles;
using static Likeness.Governance.Tests.Policy.PolicyRequests;

namespace Likeness.Governance.Tests.Policy;

/// <summary>The evaluation order on small hand-written policies: built-in use-case check, first access match, all obligations.</summary>
public sealed class PolicyEngineTests
{
    private static PolicyDecision Decide(string rules, PolicyRequest request) =>
        new PolicyEngine(PolicyDocument.Parse($$"""{ "version": "t1", "rules": [ {{rules}} ] }""")).Evaluate(request);

    [Fact]
    public void TheFirstMatchingAccessRuleDecides()
    {
        const string rules = """
            { "id": "allow-research", "match": { "sectors": ["research"] }, "effect": { "allow": "research is fine" } },
            { "id": "deny-all", "effect": { "deny": "closed" } }
            """;
        var research = Decide(rules, Request(Sector.Research, OperationClass.Identification, "2022-01-01"));
        Assert.True(research.Allowed);
        Assert.Equal("allow-research", research.DecidingRule);
        Assert.Equal("research is fine", research.Reason);
        Assert.Equal(["allow-research", "deny-all"], research.MatchedRules);

        var commercial = Decide(rules, Request(Sector.Commercial, OperationClass.Identification, "2022-01-01"));
        Assert.False(commercial.Allowed);
        Assert.Equal("deny-all", commercial.DecidingRule);
        Assert.Equal("closed", commercial.Reason);
    }

    [Fact]
    public void ReversingTheOrderReversesTheOutcome()
    {
        const string rules = """
            { "id": "deny-all", "effect": { "deny": "closed" } },
            { "id": "allow-research", "match": { "sectors": ["research"] }, "effect": { "allow": "research is fine" } }
            """;
        Assert.Equal("deny-all", Decide(rules, Request(Sector.Research, OperationClass.Identification, "2022-01-01")).DecidingRule);
    }

    [Fact]
    public void ObligationsAccumulateOverEveryMatchingRuleBeforeAndAfterTheDecidingOne()
    {
        const string rules = """
            { "id": "floor-90", "effect": { "minThreshold": 90, "humanReview": true } },
            { "id": "allow", "effect": { "allow": "ok" } },
            { "id": "floor-95", "effect": { "minThreshold": 95, "biasAuditRequired": true } },
            { "id": "floor-80-not-matching", "match": { "sectors": ["nonprofit"] }, "effect": { "minThreshold": 99.5, "caseIdRequired": true } },
            { "id": "floor-80", "effect": { "minThreshold": 80, "humanReview": false } }
            """;
        var decision = Decide(rules, Request(Sector.Commercial, OperationClass.Comparison, "2022-01-01"));
        Assert.True(decision.Allowed);
        Assert.Equal("allow", decision.DecidingRule);
        Assert.Equal(95, decision.MinThreshold);
        Assert.True(decision.HumanReviewRequired);
        Assert.True(decision.BiasAuditRequired);
        Assert.False(decision.CaseIdRequired);
        Assert.Equal(["floor-90", "allow", "floor-95", "floor-80"], decision.MatchedRules);
    }

    [Fact]
    public void NoMatchingAccessRuleMeansAllowedWithNoDecidingRule()
    {
        var decision = Decide("""{ "id": "deny-police", "match": { "sectors": ["law-enforcement"] }, "effect": { "deny": "no" } }""", Request(Sector.Commercial, OperationClass.Identification, "2022-01-01"));
        Assert.True(decision.Allowed);
        Assert.Null(decision.DecidingRule);
        Assert.Equal("no rule restricts this request", decision.Reason);
        Assert.Empty(decision.MatchedRules);
        Assert.Null(decision.MinThreshold);
    }

    [Theory]
    [InlineData(UseCaseStatus.Pending, "pending")]
    [InlineData(UseCaseStatus.Rejected, "rejected")]
    public void AUseCaseThatIsNotApprovedIsDeniedBeforeAnyRule(UseCaseStatus status, string word)
    {
        var decision = Decide("""{ "id": "allow-all", "effect": { "allow": "open" } }""", Request(Sector.Commercial, OperationClass.Identification, "2022-01-01", UseCases.PhotoOrganisation, status: status));
        Assert.False(decision.Allowed);
        Assert.Equal("unapproved-use-case", decision.DecidingRule);
        Assert.Contains(word, decision.Reason, StringComparison.Ordinal);
        Assert.Equal(["unapproved-use-case", "allow-all"], decision.MatchedRules);
    }

    [Fact]
    public void AnUnregisteredUseCaseIsDenied()
    {
        var request = Request(Sector.Commercial, OperationClass.Identification, "2022-01-01", UseCases.PhotoOrganisation);
        request = request with { UseCase = UseCases.Research };
        var decision = Decide("""{ "id": "allow-all", "effect": { "allow": "open" } }""", request);
        Assert.Equal("unapproved-use-case", decision.DecidingRule);
        Assert.Contains("not registered", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ARuleWithUseCasesDoesNotMatchARequestWithoutOne()
    {
        const string rules = """
            { "id": "exempt", "match": { "useCases": ["missing-person-identification"] }, "effect": { "allow": "exempt" } },
            { "id": "deny-all", "effect": { "deny": "closed" } }
            """;
        Assert.Equal("deny-all", Decide(rules, Request(Sector.LawEnforcement, OperationClass.Identification, "2022-01-01")).DecidingRule);
        Assert.Equal("exempt", Decide(rules, Request(Sector.LawEnforcement, OperationClass.Identification, "2022-01-01", UseCases.MissingPersonIdentification)).DecidingRule);
    }

    [Theory]
    [InlineData("2020-12-31", false)]
    [InlineData("2021-01-01", true)]
    [InlineData("2021-06-30", true)]
    [InlineData("2021-07-01", false)]
    public void FromIsInclusiveAndUntilIsExclusive(string date, bool inside)
    {
        var decision = Decide("""{ "id": "window", "match": { "from": "2021-01-01", "until": "2021-07-01" }, "effect": { "deny": "closed" } }""", Request(Sector.Commercial, OperationClass.Analysis, date));
        Assert.Equal(!inside, decision.Allowed);
    }

    [Fact]
    public void TheDateIsTheOneTheTimestampStatesInItsOwnOffset()
    {
        var request = Request(Sector.Commercial, OperationClass.Analysis, "2021-01-01") with { Time = new DateTimeOffset(2020, 12, 31, 23, 30, 0, TimeSpan.FromHours(-8)) };
        Assert.True(Decide("""{ "id": "from-2021", "match": { "from": "2021-01-01" }, "effect": { "deny": "closed" } }""", request).Allowed);
    }

    [Theory]
    [InlineData("US", null, null, true)]
    [InlineData("US", "CA", null, true)]
    [InlineData("us", "ca", "oakland", true)]
    [InlineData("US", "CA", "San Francisco", false)]
    [InlineData("US", "OR", null, false)]
    [InlineData("CA", null, null, false)]
    public void AJurisdictionMatchesWhenEqualOnEveryFieldTheRuleGives(string country, string? region, string? city, bool matches)
    {
        var rule = $$"""{ "id": "j", "match": { "jurisdictions": [ { "country": "{{country}}"{{(region is null ? "" : $", \"region\": \"{region}\"")}}{{(city is null ? "" : $", \"city\": \"{city}\"")}} } ] }, "effect": { "deny": "no" } }""";
        Assert.Equal(!matches, Decide(rule, Request(Sector.Commercial, OperationClass.Analysis, "2022-01-01", jurisdiction: Oakland)).Allowed);
    }

    [Fact]
    public void OrganisationsMatchByExactName()
    {
        const string rule = """{ "id": "org", "match": { "organisations": ["Thorn"] }, "effect": { "deny": "no" } }""";
        Assert.False(Decide(rule, Request(Sector.Nonprofit, OperationClass.Analysis, "2022-01-01", organisation: "Thorn")).Allowed);
        Assert.True(Decide(rule, Request(Sector.Nonprofit, OperationClass.Analysis, "2022-01-01", organisation: "thorn")).Allowed);
    }

    [Fact]
    public void ExplainSaysWhyARuleDidNotMatchAndThatNoRuleRestricted()
    {
        var engine = new PolicyEngine(PolicyDocument.Parse("""{ "version": "t1", "rules": [ { "id": "deny-police", "match": { "sectors": ["law-enforcement"], "from": "2030-01-01" }, "effect": { "deny": "no" } } ] }"""));
        var text = engine.Explain(Request(Sector.Commercial, OperationClass.Identification, "2022-01-01"));
        Assert.Contains("deny-police (deny): not matched: sector commercial is not law-enforcement; 2022-01-01 is before the rule starts (2030-01-01)", text, StringComparison.Ordinal);
        Assert.Contains("unapproved-use-case (built-in, deny): not matched: the request names no use case", text, StringComparison.Ordinal);
        Assert.Contains("Decision: allowed: no rule restricts this request", text, StringComparison.Ordinal);
        Assert.Contains("Obligations: none", text, StringComparison.Ordinal);
    }
}
