using Likeness.Governance.Policy;
using Likeness.Governance.Profiles;
using static Likeness.Governance.Tests.Policy.PolicyRequests;

namespace Likeness.Governance.Tests.Policy;

/// <summary>The shipped policy against the events it encodes: every rule and every date boundary.</summary>
public sealed class DefaultPolicyTests
{
    [Fact]
    public void DefaultPolicyLoadsWithItsRulesInTheDocumentedOrder()
    {
        var document = PolicyDocument.Default;
        Assert.Equal("2021-05-18.1", document.Version);
        Assert.Equal(
            ["ban-san-francisco", "ban-oakland", "ban-portland-oregon", "ban-portland-maine", "child-safety-exemption", "police-moratorium-2020", "public-safety-floor", "law-enforcement-floor"],
            document.Rules.Select(r => r.Id));
        Assert.Contains(document.History, h => h.Date == new DateOnly(2021, 5, 18) && h.Change.Contains("until further notice", StringComparison.Ordinal));
        Assert.Null(document.Rules.Single(r => r.Id == "police-moratorium-2020").Match.Until);
    }

    [Theory]
    [InlineData("2020-06-09", true)]
    [InlineData("2020-06-10", false)]
    [InlineData("2021-05-17", false)]
    [InlineData("2021-05-18", false)]
    [InlineData("2021-06-10", false)]
    [InlineData("2030-01-01", false)]
    public void PoliceIdentificationIsSuspendedFromTheTenthOfJune2020UntilFurtherNotice(string date, bool allowed)
    {
        var decision = Decide(Request(Sector.LawEnforcement, OperationClass.Identification, date, UseCases.PublicSafetyInvestigation));
        Assert.Equal(allowed, decision.Allowed);
        if (!allowed)
        {
            Assert.Equal("police-moratorium-2020", decision.DecidingRule);
            Assert.Equal("Police use of face comparison and identification is suspended (moratorium of 10 June 2020, extended until further notice on 18 May 2021).", decision.Reason);
        }
    }

    [Fact]
    public void PoliceComparisonIsSuspendedToo()
    {
        var decision = Decide(Request(Sector.LawEnforcement, OperationClass.Comparison, "2022-03-01"));
        Assert.False(decision.Allowed);
        Assert.Equal("police-moratorium-2020", decision.DecidingRule);
    }

    [Theory]
    [InlineData(OperationClass.Analysis)]
    [InlineData(OperationClass.Indexing)]
    [InlineData(OperationClass.Management)]
    public void PoliceAnalysisIndexingAndManagementStayAllowedOutsideBannedCities(OperationClass operation)
    {
        var decision = Decide(Request(Sector.LawEnforcement, operation, "2022-03-01", UseCases.PublicSafetyInvestigation));
        Assert.True(decision.Allowed);
        Assert.Null(decision.DecidingRule);
        Assert.Equal(PolicyEngine.NoRestrictionReason, decision.Reason);
        Assert.Null(decision.MinThreshold);
    }

    [Fact]
    public void TheMoratoriumDoesNotTouchOtherSectors()
    {
        var decision = Decide(Request(Sector.Commercial, OperationClass.Identification, "2022-03-01", UseCases.ConsentedIdentityVerification));
        Assert.True(decision.Allowed);
        Assert.Empty(decision.MatchedRules);
    }

    [Theory]
    [InlineData("ban-san-francisco", "2019-05-13", "2019-05-14")]
    [InlineData("ban-oakland", "2019-07-15", "2019-07-16")]
    [InlineData("ban-portland-oregon", "2020-09-08", "2020-09-09")]
    [InlineData("ban-portland-maine", "2020-11-02", "2020-11-03")]
    public void CityBansStartOnTheDayTheyWerePassed(string rule, string dayBefore, string day)
    {
        var city = CityOf(rule);
        var before = Decide(Request(Sector.OtherGovernment, OperationClass.Identification, dayBefore, jurisdiction: city));
        var on = Decide(Request(Sector.OtherGovernment, OperationClass.Identification, day, jurisdiction: city));
        Assert.True(before.Allowed);
        Assert.False(on.Allowed);
        Assert.Equal(rule, on.DecidingRule);
        Assert.Contains(city.City!, on.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ban-san-francisco")]
    [InlineData("ban-oakland")]
    [InlineData("ban-portland-oregon")]
    [InlineData("ban-portland-maine")]
    public void CityBansCoverPoliceComparisonAndIndexingButNotAnalysisOrManagement(string rule)
    {
        var city = CityOf(rule);
        Assert.Equal(rule, Decide(Request(Sector.LawEnforcement, OperationClass.Comparison, "2021-01-01", jurisdiction: city)).DecidingRule);
        Assert.Equal(rule, Decide(Request(Sector.LawEnforcement, OperationClass.Indexing, "2021-01-01", jurisdiction: city)).DecidingRule);
        Assert.True(Decide(Request(Sector.LawEnforcement, OperationClass.Analysis, "2021-01-01", jurisdiction: city)).Allowed);
        Assert.True(Decide(Request(Sector.OtherGovernment, OperationClass.Management, "2021-01-01", jurisdiction: city)).Allowed);
    }

    [Fact]
    public void CityBansApplyToGovernmentOnly()
    {
        var decision = Decide(Request(Sector.Commercial, OperationClass.Identification, "2021-01-01", UseCases.ConsentedIdentityVerification, SanFrancisco));
        Assert.True(decision.Allowed);
    }

    [Fact]
    public void PortlandMaineIsNotPortlandOregon()
    {
        // Same city name, different state: the Oregon ban starts two months before the Maine one.
        var decision = Decide(Request(Sector.OtherGovernment, OperationClass.Identification, "2020-10-01", jurisdiction: PortlandMaine));
        Assert.True(decision.Allowed);
        Assert.Equal("ban-portland-oregon", Decide(Request(Sector.OtherGovernment, OperationClass.Identification, "2020-10-01", jurisdiction: PortlandOregon)).DecidingRule);
    }

    [Theory]
    [InlineData(UseCases.MissingPersonIdentification)]
    [InlineData(UseCases.AntiTraffickingVictimIdentification)]
    public void PoliceFindingMissingPersonsAndTraffickingVictimsKeepAccessDuringTheMoratorium(string useCase)
    {
        var decision = Decide(Request(Sector.LawEnforcement, OperationClass.Identification, "2021-05-18", useCase));
        Assert.True(decision.Allowed);
        Assert.Equal("child-safety-exemption", decision.DecidingRule);
        Assert.Contains("child-safety-exemption", decision.MatchedRules);
        Assert.Contains("police-moratorium-2020", decision.MatchedRules);
    }

    [Fact]
    public void TheExemptionNeedsAnApprovedUseCase()
    {
        var decision = Decide(Request(Sector.LawEnforcement, OperationClass.Identification, "2021-01-01", UseCases.MissingPersonIdentification, status: UseCaseStatus.Pending));
        Assert.False(decision.Allowed);
        Assert.Equal(PolicyEngine.UnapprovedUseCaseRule, decision.DecidingRule);
        Assert.Contains("pending", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TheExemptionDoesNotLiftACityBan()
    {
        var decision = Decide(Request(Sector.LawEnforcement, OperationClass.Identification, "2021-01-01", UseCases.MissingPersonIdentification, SanFrancisco));
        Assert.False(decision.Allowed);
        Assert.Equal("ban-san-francisco", decision.DecidingRule);
    }

    [Fact]
    public void TheExemptionCoversNonprofits()
    {
        var decision = Decide(Request(Sector.Nonprofit, OperationClass.Identification, "2021-01-01", UseCases.AntiTraffickingVictimIdentification, organisation: "Thorn"));
        Assert.True(decision.Allowed);
        Assert.Equal("child-safety-exemption", decision.DecidingRule);
    }

    [Fact]
    public void PublicSafetyIdentificationCarriesTheNinetyNinePercentFloorReviewAndCaseId()
    {
        var decision = Decide(Request(Sector.LawEnforcement, OperationClass.Identification, "2021-01-01", UseCases.MissingPersonIdentification));
        Assert.True(decision.Allowed);
        Assert.Equal(99, decision.MinThreshold);
        Assert.True(decision.HumanReviewRequired);
        Assert.True(decision.CaseIdRequired);
        Assert.False(decision.BiasAuditRequired);
        Assert.Equal(["child-safety-exemption", "police-moratorium-2020", "public-safety-floor", "law-enforcement-floor"], decision.MatchedRules);
    }

    [Fact]
    public void PoliceComparisonBeforeTheMoratoriumCarriesTheFloorWithoutAUseCase()
    {
        var decision = Decide(Request(Sector.LawEnforcement, OperationClass.Comparison, "2020-01-01"));
        Assert.True(decision.Allowed);
        Assert.Equal(99, decision.MinThreshold);
        Assert.True(decision.HumanReviewRequired);
        Assert.True(decision.CaseIdRequired);
        Assert.Equal(["law-enforcement-floor"], decision.MatchedRules);
    }

    [Fact]
    public void ANonprofitSearchingForMissingPersonsCarriesTheFloorByItsUseCase()
    {
        var decision = Decide(Request(Sector.Nonprofit, OperationClass.Identification, "2019-01-01", UseCases.MissingPersonIdentification));
        Assert.True(decision.Allowed);
        Assert.Null(decision.DecidingRule);
        Assert.Equal(99, decision.MinThreshold);
        Assert.Equal(["public-safety-floor"], decision.MatchedRules);
    }

    [Fact]
    public void DecisionsCarryThePolicyVersion() =>
        Assert.Equal("2021-05-18.1", Decide(Request(Sector.Research, OperationClass.Analysis, "2024-01-01")).PolicyVersion);

    [Fact]
    public void ExplainNamesTheDecidingRuleAndWalksEveryRule()
    {
        var engine = new PolicyEngine(PolicyDocument.Default);
        var text = engine.Explain(Request(Sector.LawEnforcement, OperationClass.Identification, "2021-01-01", UseCases.PublicSafetyInvestigation, Oakland));
        Assert.Contains("Decision: denied by ban-oakland: Government use of face recognition is banned in Oakland, CA", text, StringComparison.Ordinal);
        Assert.Contains("ban-oakland (deny): matched; DECIDES (denied)", text, StringComparison.Ordinal);
        Assert.Contains("police-moratorium-2020 (deny): matched, but ban-oakland already decided", text, StringComparison.Ordinal);
        Assert.Contains("ban-san-francisco (deny): not matched: jurisdiction Oakland, CA, US is not San Francisco, CA, US", text, StringComparison.Ordinal);
        Assert.Contains("child-safety-exemption (allow): not matched: use case public-safety-investigation is not", text, StringComparison.Ordinal);
        Assert.Contains("Obligations: similarity threshold at least 99; human review of every match; a case id on the request", text, StringComparison.Ordinal);
        foreach (var rule in engine.Document.Rules) Assert.Contains(rule.Id, text, StringComparison.Ordinal);
    }

    private static Jurisdiction CityOf(string rule) => rule switch
    {
        "ban-san-francisco" => SanFrancisco,
        "ban-oakland" => Oakland,
        "ban-portland-oregon" => PortlandOregon,
        _ => PortlandMaine,
    };
}
