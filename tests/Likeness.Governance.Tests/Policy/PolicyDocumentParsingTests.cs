using Likeness.Governance.Policy;
using Likeness.Governance.Profiles;

namespace Likeness.Governance.Tests.Policy;

/// <summary>The strict schema: every kind of mistake is refused with the JSON path that names it.</summary>
public sealed class PolicyDocumentParsingTests
{
    private static string Rule(string match = "{}", string effect = """{ "deny": "no" }""", string id = "r") =>
        $$"""{ "version": "v", "rules": [ { "id": "{{id}}", "match": {{match}}, "effect": {{effect}} } ] }""";

    private static string ErrorOf(string json) => Assert.Throws<PolicyException>(() => PolicyDocument.Parse(json)).Message;

    [Fact]
    public void AFullDocumentParsesIntoItsModel()
    {
        var document = PolicyDocument.Parse("""
            {
              // comments are allowed: operators annotate their rules
              "version": "2024-01-01.2",
              "description": "test",
              "history": [ { "date": "2024-01-01", "change": "first" } ],
              "rules": [
                {
                  "id": "floor-for-search",
                  "description": "d",
                  "match": {
                    "sectors": ["other-government"], "useCases": ["research"], "operations": ["identification", "indexing"],
                    "jurisdictions": [ { "country": "US", "region": "WA" } ], "organisations": ["Example"],
                    "from": "2024-01-01", "until": "2025-01-01"
                  },
                  "effect": { "minThreshold": 98.5, "caseIdRequired": true }
                },
              ]
            }
            """);
        Assert.Equal("2024-01-01.2", document.Version);
        Assert.Equal(new PolicyHistoryEntry(new DateOnly(2024, 1, 1), "first"), Assert.Single(document.History));
        var rule = Assert.Single(document.Rules);
        Assert.Equal([Sector.OtherGovernment], rule.Match.Sectors!);
        Assert.Equal([OperationClass.Identification, OperationClass.Indexing], rule.Match.Operations!);
        Assert.Equal(new Jurisdiction("US", "WA"), Assert.Single(rule.Match.Jurisdictions!));
        Assert.Equal(new DateOnly(2025, 1, 1), rule.Match.Until);
        Assert.Equal(new PolicyEffect(PolicyEffectKind.Obligations, null, 98.5, false, true, null), rule.Effect);
    }

    [Fact]
    public void ARuleWithoutMatchMatchesEverything() =>
        Assert.Same(PolicyMatch.Any, Assert.Single(PolicyDocument.Parse("""{ "version": "v", "rules": [ { "id": "r", "effect": { "deny": "no" } } ] }""").Rules).Match);

    [Theory]
    [InlineData("""{ "version": "v", "rules": [], "extra": 1 }""", "$.extra: unknown property")]
    [InlineData("""{ "version": "v", "rules": [ { "id": "r", "effect": { "deny": "no" }, "Match": {} } ] }""", "$.rules[0].Match: unknown property")]
    [InlineData("""{ "version": "v", "rules": [ { "id": "r", "match": { "sector": ["research"] }, "effect": { "deny": "no" } } ] }""", "$.rules[0].match.sector: unknown property")]
    [InlineData("""{ "version": "v", "rules": [ { "id": "r", "effect": { "deny": "no", "reason": "x" } } ] }""", "$.rules[0].effect.reason: unknown property")]
    [InlineData("""{ "version": "v", "version": "w", "rules": [] }""", "$.version: property appears twice")]
    public void UnknownAndRepeatedPropertiesAreRefused(string json, string expected) =>
        Assert.StartsWith(expected, ErrorOf(json), StringComparison.Ordinal);

    [Theory]
    [InlineData("""{ "rules": [] }""", "$.version: required property is missing")]
    [InlineData("""{ "version": "v" }""", "$.rules: required property is missing")]
    [InlineData("""{ "version": "v", "rules": [ { "id": "r" } ] }""", "$.rules[0].effect: required property is missing")]
    [InlineData("""{ "version": "v", "rules": [ { "effect": { "deny": "no" } } ] }""", "$.rules[0].id: required property is missing")]
    [InlineData("""{ "version": "v", "history": [ { "date": "2020-01-01" } ], "rules": [] }""", "$.history[0].change: required property is missing")]
    public void MissingRequiredPropertiesAreRefused(string json, string expected) =>
        Assert.Equal(expected, ErrorOf(json));

    [Theory]
    [InlineData("""{ "version": 1, "rules": [] }""", "$.version: expected a string, found a number")]
    [InlineData("""{ "version": "v", "rules": {} }""", "$.rules: expected an array, found an object")]
    [InlineData("""{ "version": "v", "rules": [ 3 ] }""", "$.rules[0]: expected an object, found a number")]
    [InlineData("""{ "version": "v", "rules": [ { "id": "r", "match": { "sectors": "research" }, "effect": { "deny": "no" } } ] }""", "$.rules[0].match.sectors: expected an array, found a string")]
    [InlineData("""{ "version": "v", "rules": [ { "id": "r", "effect": { "humanReview": "yes" } } ] }""", "$.rules[0].effect.humanReview: expected true or false, found a string")]
    [InlineData("""{ "version": "v", "rules": [ { "id": "r", "effect": { "minThreshold": "99" } } ] }""", "$.rules[0].effect.minThreshold: expected a number, found a string")]
    [InlineData("""{ "version": "v", "rules": [ { "id": "r", "effect": { "deny": "" } } ] }""", "$.rules[0].effect.deny: must not be empty")]
    [InlineData("""[]""", "$: expected an object, found an array")]
    public void WrongTypesAreRefused(string json, string expected) =>
        Assert.Equal(expected, ErrorOf(json));

    [Theory]
    [InlineData("""{ "sectors": ["police"] }""", "$.rules[0].match.sectors[0]: unknown name 'police'; expected one of law-enforcement, other-government, commercial, nonprofit, research")]
    [InlineData("""{ "sectors": ["LawEnforcement"] }""", "$.rules[0].match.sectors[0]: unknown name 'LawEnforcement'")]
    [InlineData("""{ "operations": ["search"] }""", "$.rules[0].match.operations[0]: unknown name 'search'")]
    [InlineData("""{ "useCases": ["missing-persons"] }""", "$.rules[0].match.useCases[0]: unknown name 'missing-persons'")]
    public void UnknownNamesAreRefused(string match, string expected) =>
        Assert.StartsWith(expected, ErrorOf(Rule(match)), StringComparison.Ordinal);

    [Theory]
    [InlineData("""{ "from": "10 June 2020" }""", "$.rules[0].match.from: '10 June 2020' is not a date; write yyyy-MM-dd (e.g. 2020-06-10)")]
    [InlineData("""{ "until": "2020-02-30" }""", "$.rules[0].match.until: '2020-02-30' is not a date; write yyyy-MM-dd (e.g. 2020-06-10)")]
    [InlineData("""{ "from": "2020-06-10T00:00:00Z" }""", "$.rules[0].match.from: '2020-06-10T00:00:00Z' is not a date; write yyyy-MM-dd (e.g. 2020-06-10)")]
    [InlineData("""{ "from": "2021-01-01", "until": "2021-01-01" }""", "$.rules[0].match.until: until (2021-01-01) must be after from (2021-01-01); until is exclusive")]
    public void BadDatesAreRefused(string match, string expected) =>
        Assert.Equal(expected, ErrorOf(Rule(match)));

    [Fact]
    public void DuplicateIdsAreRefused()
    {
        var json = """{ "version": "v", "rules": [ { "id": "a", "effect": { "deny": "x" } }, { "id": "a", "effect": { "allow": "y" } } ] }""";
        Assert.Equal("$.rules[1].id: duplicate rule id 'a' (first used at $.rules[0])", ErrorOf(json));
    }

    [Theory]
    [InlineData("Ban-SF")]
    [InlineData("ban_sf")]
    [InlineData("ban--sf")]
    [InlineData("-ban")]
    public void IdsMustBeKebabCase(string id) =>
        Assert.StartsWith("$.rules[0].id: rule id", ErrorOf(Rule(id: id)), StringComparison.Ordinal);

    [Fact]
    public void TheBuiltInRuleIdIsReserved() =>
        Assert.StartsWith("$.rules[0].id: 'unapproved-use-case' is the built-in rule's id", ErrorOf(Rule(id: "unapproved-use-case")), StringComparison.Ordinal);

    [Theory]
    [InlineData("""{ "deny": "no", "minThreshold": 99 }""", "$.rules[0].effect: 'deny' cannot be combined with obligations")]
    [InlineData("""{ "allow": "ok", "humanReview": true }""", "$.rules[0].effect: 'allow' cannot be combined with obligations")]
    [InlineData("""{ "deny": "no", "allow": "ok" }""", "$.rules[0].effect: an effect either denies or allows, not both")]
    [InlineData("""{}""", "$.rules[0].effect: an effect needs deny, allow, or at least one of")]
    [InlineData("""{ "minThreshold": 101 }""", "$.rules[0].effect.minThreshold: 101 is outside 0-100")]
    public void MixedOrEmptyEffectsAreRefused(string effect, string expected) =>
        Assert.StartsWith(expected, ErrorOf(Rule(effect: effect)), StringComparison.Ordinal);

    [Theory]
    [InlineData("""{ "sectors": [] }""", "$.rules[0].match.sectors: must not be empty; leave the property out to match any")]
    [InlineData("""{ "jurisdictions": [ { "region": "CA" } ] }""", "$.rules[0].match.jurisdictions[0].country: required property is missing")]
    [InlineData("""{ "jurisdictions": [ { "country": "US", "county": "Alameda" } ] }""", "$.rules[0].match.jurisdictions[0].county: unknown property; expected country, region, city")]
    [InlineData("""{ "organisations": [ "" ] }""", "$.rules[0].match.organisations[0]: must not be empty")]
    public void EmptyListsAndBadJurisdictionsAreRefused(string match, string expected) =>
        Assert.Equal(expected, ErrorOf(Rule(match)));

    [Fact]
    public void InvalidJsonIsRefusedAtTheRoot() =>
        Assert.StartsWith("$: not valid JSON:", ErrorOf("""{ "version": "v", "rules": [ """), StringComparison.Ordinal);

    [Fact]
    public void TheDocumentKeepsItsJsonAsWritten()
    {
        const string json = """{ "version": "v", /* note */ "rules": [] }""";
        Assert.Equal(json, PolicyDocument.Parse(json).Json);
    }
}
