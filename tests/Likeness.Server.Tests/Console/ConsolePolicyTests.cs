using System.Text.Json;
using Likeness.Governance.Policy;
using Likeness.Governance.Profiles;

namespace Likeness.Server.Tests.Console;

/// <summary>GetPolicy, ValidatePolicy and SimulatePolicy, which must answer what a real request meets, recording nothing.</summary>
public sealed class ConsolePolicyTests(ConsoleServerFixture fixture) : IClassFixture<ConsoleServerFixture>
{
    private static readonly string OneByte = Convert.ToBase64String([0xFF]);

    private ConsoleServer Server => fixture.Server;

    private Dictionary<string, string> Headers(string? useCase, string? caseId)
    {
        var headers = new Dictionary<string, string>();
        if (useCase is not null) headers["x-likeness-use-case"] = useCase;
        if (caseId is not null) headers["x-likeness-case-id"] = caseId;
        return headers;
    }

    private long TrailLength()
    {
        using var governor = Server.Governance();
        return governor.Trail.Read().LongCount();
    }

    [Fact]
    public async Task GetPolicyGivesTheBuiltInDefaultWithItsRules()
    {
        var body = (await Server.Client(Server.NewKey("policy")).Console("GetPolicy")).Ok();
        var policy = PolicyDocument.Default;
        Assert.Equal(policy.Version, body.GetProperty("Version").GetString());
        Assert.Equal(PolicyProvider.DefaultSource, body.GetProperty("Source").GetString());
        Assert.Equal(policy.Json, body.GetProperty("Document").GetString());
        var rules = body.GetProperty("Rules").EnumerateArray().ToList();
        Assert.Equal(policy.Rules.Select(r => r.Id), rules.Select(r => r.GetProperty("Id").GetString()));
        var moratorium = rules.Single(r => r.GetProperty("Id").GetString() == "police-moratorium-2020");
        Assert.Equal("deny", moratorium.GetProperty("Effect").GetString());
        Assert.Contains("moratorium", moratorium.GetProperty("Reason").GetString(), StringComparison.Ordinal);
        var floor = rules.Single(r => r.GetProperty("Id").GetString() == "public-safety-floor");
        Assert.Equal("obligations: minThreshold 99, humanReview, caseIdRequired", floor.GetProperty("Effect").GetString());
        Assert.Equal(JsonValueKind.Null, floor.GetProperty("Reason").ValueKind);
    }

    [Fact]
    public async Task ValidatePolicyGivesTheVersionOrThePathAndProblem()
    {
        var client = Server.Client(Server.NewKey("validate"));

        var valid = (await client.Console("ValidatePolicy", new { Document = PolicyDocument.Default.Json })).Ok();
        Assert.True(valid.GetProperty("Valid").GetBoolean());
        Assert.Equal(PolicyDocument.Default.Version, valid.GetProperty("Version").GetString());
        Assert.Empty(valid.GetProperty("Errors").EnumerateArray());

        var invalid = (await client.Console("ValidatePolicy", new { Document = """{ "version": "v2", "rules": [ { "id": "r", "match": { "sectors": ["police"] }, "effect": { "deny": "no" } } ] }""" })).Ok();
        Assert.False(invalid.GetProperty("Valid").GetBoolean());
        Assert.Equal(JsonValueKind.Null, invalid.GetProperty("Version").ValueKind);
        var error = Assert.Single(invalid.GetProperty("Errors").EnumerateArray());
        Assert.Equal("$.rules[0].match.sectors[0]", error.GetProperty("Path").GetString());
        Assert.StartsWith("unknown name 'police'", error.GetProperty("Message").GetString(), StringComparison.Ordinal);

        Assert.StartsWith("Document is required", (await client.Console("ValidatePolicy", new { })).Error("InvalidParameterException"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SimulationAgreesWithARealRequestOfALawEnforcementAccount()
    {
        var police = Server.NewKey("police");
        using (var governor = Server.Governance())
        {
            governor.Profiles.Set(police.AccountId, "Springfield Police Department", Sector.LawEnforcement, new Jurisdiction("US", "IL", "Springfield"));
        }
        var client = Server.Client(police);

        var real = (await client.Rekognition("SearchFacesByImage", new { CollectionId = "mugshots", Image = new { Bytes = OneByte }, FaceMatchThreshold = 99 },
            Headers(null, "case-1"))).Error("AccessDeniedException");
        var before = TrailLength();
        var simulated = (await client.Console("SimulatePolicy", new { Operation = "SearchFacesByImage", CaseId = "case-1", Threshold = 99 })).Ok();

        Assert.False(simulated.GetProperty("Allowed").GetBoolean());
        Assert.Equal("police-moratorium-2020", simulated.GetProperty("DecidingRule").GetString());
        Assert.Contains("police-moratorium-2020", real, StringComparison.Ordinal);
        Assert.Equal(real, simulated.GetProperty("Refusal").GetString());
        Assert.Contains("police-moratorium-2020", simulated.GetProperty("MatchedRules").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(PolicyDocument.Default.Version, simulated.GetProperty("PolicyVersion").GetString());
        Assert.Equal(before, TrailLength()); // a simulation is not a request: nothing recorded
    }

    [Fact]
    public async Task SimulationAgreesWithARealRequestOfAnApprovedNgoAt80And99()
    {
        var ngo = Server.NewKey("ngo");
        using (var governor = Server.Governance())
        {
            governor.Profiles.Set(ngo.AccountId, "Thorn", Sector.Nonprofit, new Jurisdiction("US", "CA", "Los Angeles"));
            governor.Profiles.SetUseCase(ngo.AccountId, UseCases.MissingPersonIdentification, UseCaseStatus.Approved);
        }
        var client = Server.Client(ngo);
        var headers = Headers(UseCases.MissingPersonIdentification, "case-42");
        (await client.Rekognition("CreateCollection", new { CollectionId = "missing" }, headers)).Ok();
        var photo = Convert.ToBase64String(ConsoleServer.SamplePhoto());

        var at80 = (await client.Rekognition("SearchFacesByImage", new { CollectionId = "missing", Image = new { Bytes = photo }, FaceMatchThreshold = 80 }, headers)).Error("AccessDeniedException");
        var simulated80 = (await client.Console("SimulatePolicy", new { Operation = "SearchFacesByImage", UseCase = UseCases.MissingPersonIdentification, CaseId = "case-42", Threshold = 80 })).Ok();
        Assert.True(simulated80.GetProperty("Allowed").GetBoolean()); // the exemption allows it; the floor refuses it
        Assert.Equal("child-safety-exemption", simulated80.GetProperty("DecidingRule").GetString());
        Assert.Equal(at80, simulated80.GetProperty("Refusal").GetString());
        Assert.Contains("public-safety-floor", at80, StringComparison.Ordinal);

        (await client.Rekognition("SearchFacesByImage", new { CollectionId = "missing", Image = new { Bytes = photo }, FaceMatchThreshold = 99 }, headers)).Ok();
        var simulated99 = (await client.Console("SimulatePolicy", new { Operation = "SearchFacesByImage", UseCase = UseCases.MissingPersonIdentification, CaseId = "case-42", Threshold = 99 })).Ok();
        Assert.True(simulated99.GetProperty("Allowed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, simulated99.GetProperty("Refusal").ValueKind);
        Assert.Equal((99.0, true, true, false), (simulated99.GetProperty("MinThreshold").GetDouble(), simulated99.GetProperty("HumanReviewRequired").GetBoolean(),
            simulated99.GetProperty("CaseIdRequired").GetBoolean(), simulated99.GetProperty("BiasAuditRequired").GetBoolean()));

        // Without a threshold the operation's default (80) is judged, as for a real request that leaves it out.
        var byDefault = (await client.Console("SimulatePolicy", new { Operation = "SearchFacesByImage", UseCase = UseCases.MissingPersonIdentification, CaseId = "case-42" })).Ok();
        Assert.Contains("asked for 80", byDefault.GetProperty("Refusal").GetString(), StringComparison.Ordinal);
        // Without the case id the obligation refuses.
        var noCase = (await client.Console("SimulatePolicy", new { Operation = "SearchFacesByImage", UseCase = UseCases.MissingPersonIdentification, Threshold = 99 })).Ok();
        Assert.Contains("requires a case id", noCase.GetProperty("Refusal").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SimulatedProfileFieldsOverrideTheCallersOwn()
    {
        var key = Server.NewKey("what-if");
        var client = Server.Client(key);

        var banned = (await client.Console("SimulatePolicy", new { Operation = "CompareFaces", Sector = "other-government", Jurisdiction = "US-CA-San Francisco", Threshold = 99 })).Ok();
        Assert.Equal("ban-san-francisco", banned.GetProperty("DecidingRule").GetString());
        Assert.StartsWith("Denied by policy rule ban-san-francisco", banned.GetProperty("Refusal").GetString(), StringComparison.Ordinal);

        var beforeTheBan = (await client.Console("SimulatePolicy", new { Operation = "CompareFaces", Sector = "other-government", Jurisdiction = "US-CA-San Francisco", Threshold = 99, Date = "2019-05-13" })).Ok();
        Assert.True(beforeTheBan.GetProperty("Allowed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, beforeTheBan.GetProperty("Refusal").ValueKind);

        var unapproved = (await client.Console("SimulatePolicy", new { Operation = "SearchFaces", UseCase = UseCases.PhotoOrganisation, UseCaseApproved = false })).Ok();
        Assert.Equal("unapproved-use-case", unapproved.GetProperty("DecidingRule").GetString());
        var approved = (await client.Console("SimulatePolicy", new { Operation = "SearchFaces", UseCase = UseCases.PhotoOrganisation, UseCaseApproved = true })).Ok();
        Assert.Equal(JsonValueKind.Null, approved.GetProperty("Refusal").ValueKind);

        Assert.StartsWith("Jurisdiction must be COUNTRY[-REGION[-CITY]]",
            (await client.Console("SimulatePolicy", new { Operation = "SearchFaces", Jurisdiction = "California" })).Error("InvalidParameterException"), StringComparison.Ordinal);
        Assert.StartsWith("Sector must be one of law-enforcement",
            (await client.Console("SimulatePolicy", new { Operation = "SearchFaces", Sector = "police" })).Error("InvalidParameterException"), StringComparison.Ordinal);
        Assert.StartsWith("Operation must be a Rekognition operation",
            (await client.Console("SimulatePolicy", new { Operation = "DetectLabels" })).Error("InvalidParameterException"), StringComparison.Ordinal);
    }
}
