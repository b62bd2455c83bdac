using System.Net;
using Likeness.Governance.Profiles;

namespace Likeness.Server.Tests.Console;

/// <summary>LikenessConsole.* on POST /: the same signature, errors and metrics as Rekognition's operations; WhoAmI and GetCalibration.</summary>
public sealed class ConsoleEndpointTests(ConsoleServerFixture fixture) : IClassFixture<ConsoleServerFixture>
{
    private ConsoleServer Server => fixture.Server;

    [Fact]
    public async Task WhoAmIDescribesTheKeyItsAccountProfileAndRoles()
    {
        var key = Server.NewKey("who");
        var (reviewer, reviewerId) = Server.ReviewerKey();
        using (var governor = Server.Governance())
        {
            governor.Profiles.Set(key.AccountId, "Thorn", Sector.Nonprofit, new Jurisdiction("US", "CA", "Los Angeles"));
            governor.Profiles.BindKey(key.AccessKeyId, UseCases.MissingPersonIdentification);
        }

        var me = (await Server.Client(key).Console("WhoAmI")).Ok();
        Assert.Equal(key.AccountId, me.GetProperty("AccountId").GetString());
        Assert.Equal(key.AccessKeyId, me.GetProperty("AccessKeyId").GetString());
        Assert.Equal("Thorn", me.GetProperty("Organisation").GetString());
        Assert.Equal("nonprofit", me.GetProperty("Sector").GetString());
        Assert.Equal("US-CA-Los Angeles", me.GetProperty("Jurisdiction").GetString());
        Assert.Equal(UseCases.MissingPersonIdentification, me.GetProperty("UseCase").GetString());
        Assert.Equal(0, me.GetProperty("Roles").GetArrayLength());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, me.GetProperty("ReviewerId").ValueKind);
        Assert.Equal(Likeness.Collections.FaceModel.Default.EmbedderModelId, me.GetProperty("FaceModelId").GetString());
        Assert.Equal("2021-05-18.1", me.GetProperty("PolicyVersion").GetString());

        var them = (await Server.Client(reviewer).Console("WhoAmI")).Ok();
        Assert.Equal(["reviewer"], them.GetProperty("Roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(reviewerId, them.GetProperty("ReviewerId").GetString());
        Assert.Equal("(unregistered)", them.GetProperty("Organisation").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, them.GetProperty("UseCase").ValueKind);
    }

    [Fact]
    public async Task GetCalibrationGivesTheShippedTableAndThePolicysHighestFloor()
    {
        var body = (await Server.Client(Server.NewKey("calibration")).Console("GetCalibration")).Ok();
        var calibration = Likeness.Collections.FaceModel.Default.Calibration;
        Assert.Equal(calibration.ModelId, body.GetProperty("ModelId").GetString());
        var points = body.GetProperty("Points").EnumerateArray().ToList();
        Assert.Equal(calibration.Table.Points.Count, points.Count);
        Assert.Equal(calibration.Table.Points[^1].FalseMatchRate, points[^1].GetProperty("FalseMatchRate").GetDouble());
        Assert.Equal(calibration.Table.Points[^1].Extrapolated, points[^1].GetProperty("Extrapolated").GetBoolean());
        Assert.Equal(99, body.GetProperty("PolicyFloor").GetDouble());
    }

    [Fact]
    public async Task AnUnknownConsoleOperationIsUnknownOperationException()
    {
        var answer = await Server.Client(Server.NewKey("unknown")).Console("DropTables");
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("LikenessConsole.DropTables", answer.Error("UnknownOperationException"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConsoleBodyThatIsNotAJsonObjectIsASerializationException()
    {
        var client = Server.Client(Server.NewKey("body"));
        (await client.Send("LikenessConsole.WhoAmI", "[1, 2]")).Error("SerializationException");
        (await client.Send("LikenessConsole.WhoAmI", "{not json")).Error("SerializationException");
        (await client.Send("LikenessConsole.WhoAmI", "")).Ok();
    }

    [Fact]
    public async Task AConsoleRequestMustBeSignedLikeAnyOther()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("{}") };
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "LikenessConsole.WhoAmI");
        using var response = await Server.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("MissingAuthenticationTokenException", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(response.Headers.Contains("x-amzn-RequestId"));
    }

    [Fact]
    public async Task AWrongMemberTypeIsAnInvalidParameterNamingTheMember()
    {
        var (reviewer, _) = Server.ReviewerKey();
        var client = Server.Client(reviewer);
        Assert.StartsWith("Status must be one of pending, confirmed, rejected", (await client.Console("ListReviews", new { Status = "maybe" })).Error("InvalidParameterException"), StringComparison.Ordinal);
        Assert.StartsWith("CaseId must be a string", (await client.Console("ListReviews", new { CaseId = 7 })).Error("InvalidParameterException"), StringComparison.Ordinal);
        Assert.StartsWith("MaxResults must be a whole number from 1 to 1000", (await client.Console("SearchAuditTrail", new { MaxResults = 0 })).Error("InvalidParameterException"), StringComparison.Ordinal);
        Assert.StartsWith("Threshold must be a number from 0 to 100", (await client.Console("SimulatePolicy", new { Operation = "SearchFaces", Threshold = 120 })).Error("InvalidParameterException"), StringComparison.Ordinal);
        Assert.StartsWith("Date must be a date written yyyy-MM-dd", (await client.Console("SimulatePolicy", new { Operation = "SearchFaces", Date = "29/11/2026" })).Error("InvalidParameterException"), StringComparison.Ordinal);
        Assert.StartsWith("UseCaseApproved must be true or false", (await client.Console("SimulatePolicy", new { Operation = "SearchFaces", UseCaseApproved = "yes" })).Error("InvalidParameterException"), StringComparison.Ordinal);
        Assert.StartsWith("Operation is required", (await client.Console("SimulatePolicy", new { })).Error("InvalidParameterException"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsoleOperationsAreCountedUnderTheirPrefixInTheMetrics()
    {
        await Server.Client(Server.NewKey("metrics")).Console("VerifyAuditTrail");
        var metrics = await Server.Http.GetStringAsync("/metrics");
        Assert.Contains("likeness_requests_total{operation=\"LikenessConsole.VerifyAuditTrail\"}", metrics, StringComparison.Ordinal);
    }
}
