using System.Text.Json;

namespace Likeness.Server.Tests.Console;

/// <summary>SearchAuditTrail (newest first, paged; an account's own records unless the key has the governance role) and VerifyAuditTrail.</summary>
public sealed class ConsoleTrailTests(ConsoleServerFixture fixture) : IClassFixture<ConsoleServerFixture>
{
    private ConsoleServer Server => fixture.Server;

    private static async Task CreateCollections(ConsoleClient client, params string[] ids)
    {
        foreach (var id in ids) (await client.Rekognition("CreateCollection", new { CollectionId = id })).Ok();
    }

    private static List<JsonElement> Records(JsonElement body) => body.GetProperty("Records").EnumerateArray().ToList();

    [Fact]
    public async Task AKeyWithoutTheGovernanceRoleSeesOnlyItsOwnAccountsRecords()
    {
        var mine = Server.NewKey("mine");
        var theirs = Server.NewKey("theirs");
        await CreateCollections(Server.Client(mine), "mine-1");
        await CreateCollections(Server.Client(theirs), "theirs-1");
        var client = Server.Client(mine);

        var records = Records((await client.Console("SearchAuditTrail")).Ok());
        var record = Assert.Single(records);
        Assert.Equal((mine.AccountId, mine.AccessKeyId, "CreateCollection", "mine-1", "allowed"),
            (record.GetProperty("AccountId").GetString(), record.GetProperty("AccessKeyId").GetString(), record.GetProperty("Operation").GetString(),
             record.GetProperty("CollectionId").GetString(), record.GetProperty("Decision").GetString()));
        Assert.Matches("^[0-9a-f]{64}$", record.GetProperty("Hash").GetString());

        var denied = (await client.Console("SearchAuditTrail", new { AccountId = theirs.AccountId })).Error("AccessDeniedException");
        Assert.Contains("governance role", denied, StringComparison.Ordinal);
        Assert.Contains($"likeness keys role add {mine.AccessKeyId} governance", denied, StringComparison.Ordinal);
        Assert.Single(Records((await client.Console("SearchAuditTrail", new { AccountId = mine.AccountId })).Ok()));
    }

    [Fact]
    public async Task AGovernanceKeyReadsEveryAccountsRecords()
    {
        var first = Server.NewKey("first");
        var second = Server.NewKey("second");
        await CreateCollections(Server.Client(first), "first-1");
        await CreateCollections(Server.Client(second), "second-1");
        var governance = Server.Client(Server.GovernanceKey());

        var all = Records((await governance.Console("SearchAuditTrail", new { Operation = "CreateCollection", MaxResults = 1000 })).Ok());
        Assert.Contains(all, r => r.GetProperty("AccountId").GetString() == first.AccountId);
        Assert.Contains(all, r => r.GetProperty("AccountId").GetString() == second.AccountId);
        var theirs = Records((await governance.Console("SearchAuditTrail", new { AccountId = second.AccountId })).Ok());
        Assert.Equal("second-1", Assert.Single(theirs).GetProperty("CollectionId").GetString());
    }

    [Fact]
    public async Task RecordsComeNewestFirstInPages()
    {
        var key = Server.NewKey("pages");
        var client = Server.Client(key);
        await CreateCollections(client, "page-1", "page-2", "page-3");

        var first = (await client.Console("SearchAuditTrail", new { MaxResults = 2 })).Ok();
        Assert.Equal(["page-3", "page-2"], Records(first).Select(r => r.GetProperty("CollectionId").GetString()));
        var sequences = Records(first).Select(r => r.GetProperty("Sequence").GetInt64()).ToList();
        Assert.True(sequences[0] > sequences[1]);
        var token = first.GetProperty("NextToken").GetString();

        var second = (await client.Console("SearchAuditTrail", new { MaxResults = 2, NextToken = token })).Ok();
        Assert.Equal(["page-1"], Records(second).Select(r => r.GetProperty("CollectionId").GetString()));
        Assert.False(second.TryGetProperty("NextToken", out _));

        (await client.Console("SearchAuditTrail", new { NextToken = "not-a-token" })).Error("InvalidPaginationTokenException");
    }

    [Fact]
    public async Task FiltersSelectByCaseOperationAndDecision()
    {
        var key = Server.NewKey("filters");
        var client = Server.Client(key);
        var caseId = "case-" + Guid.NewGuid().ToString("N");
        await CreateCollections(client, "filters-1");
        (await client.Rekognition("DeleteCollection", new { CollectionId = "filters-1" }, new Dictionary<string, string> { ["x-likeness-case-id"] = caseId })).Ok();

        var byCase = Records((await client.Console("SearchAuditTrail", new { CaseId = caseId })).Ok());
        Assert.Equal("DeleteCollection", Assert.Single(byCase).GetProperty("Operation").GetString());
        Assert.Equal(caseId, byCase[0].GetProperty("CaseId").GetString());
        Assert.Single(Records((await client.Console("SearchAuditTrail", new { Operation = "CreateCollection" })).Ok()));
        Assert.Empty(Records((await client.Console("SearchAuditTrail", new { Decision = "denied" })).Ok()));
    }

    [Fact]
    public async Task VerifyAuditTrailReportsTheChainAndItsLastHash()
    {
        var key = Server.NewKey("verify");
        await CreateCollections(Server.Client(key), "verify-1");

        var body = (await Server.Client(key).Console("VerifyAuditTrail")).Ok();

        // Tests of one class run one at a time, so nothing was appended since.
        using var governor = Server.Governance();
        var last = governor.Trail.Read().Last();
        Assert.True(body.GetProperty("Intact").GetBoolean());
        Assert.Equal(last.Sequence, body.GetProperty("Records").GetInt64());
        Assert.Equal(last.Hash, body.GetProperty("LastHash").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("Problem").ValueKind);
    }
}
