using Likeness.Governance.Enforcement;
using Likeness.Governance.Policy;

namespace Likeness.Server.Tests.Console;

/// <summary>PutPolicy: governance keys only; an invalid document changes nothing; a valid one is in force at once, written atomically, recorded.</summary>
public sealed class ConsolePolicyChangeTests
{
    private const string Closed = """
        // Closed for maintenance.
        { "version": "maintenance-1", "rules": [ { "id": "closed", "effect": { "deny": "closed for maintenance" } } ] }
        """;

    [Fact]
    public async Task OnlyAGovernanceKeyMayReplaceThePolicy()
    {
        await using var server = await ConsoleServer.StartAsync();
        var key = server.NewKey("plain");

        var denied = (await server.Client(key).Console("PutPolicy", new { Document = Closed })).Error("AccessDeniedException");

        Assert.Contains($"likeness keys role add {key.AccessKeyId} governance", denied, StringComparison.Ordinal);
        Assert.Equal(PolicyDocument.Default.Version, (await server.Client(key).Console("GetPolicy")).Ok().GetProperty("Version").GetString());
    }

    [Fact]
    public async Task AnInvalidPolicyIsRefusedAndTheOldOneStaysInForce()
    {
        await using var server = await ConsoleServer.StartAsync();
        var client = server.Client(server.GovernanceKey());

        var error = (await client.Console("PutPolicy", new { Document = """{ "version": "broken", "rules": [ { "id": "x", "effect": { } } ] }""" })).Error("InvalidParameterException");

        Assert.Contains("$.rules[0].effect", error, StringComparison.Ordinal);
        var policy = (await client.Console("GetPolicy")).Ok();
        Assert.Equal(PolicyDocument.Default.Version, policy.GetProperty("Version").GetString());
        Assert.Equal(PolicyProvider.DefaultSource, policy.GetProperty("Source").GetString());
        Assert.False(File.Exists(Path.Combine(server.DataDirectory, PolicyProvider.DataDirectoryFileName)));
        using var governor = server.Governance();
        Assert.DoesNotContain(governor.Trail.Read(), r => r.Entry.Operation == Governor.PutPolicyOperation);
    }

    [Fact]
    public async Task AValidPolicyIsInForceAtOnceInTheDataDirectoryAndRecorded()
    {
        await using var server = await ConsoleServer.StartAsync();
        var governance = server.GovernanceKey();
        var client = server.Client(governance);
        var user = server.Client(server.NewKey("user"));
        (await user.Rekognition("CreateCollection", new { CollectionId = "before" })).Ok();

        var put = (await client.Console("PutPolicy", new { Document = Closed })).Ok();

        Assert.Equal("maintenance-1", put.GetProperty("Version").GetString());
        var path = Path.GetFullPath(Path.Combine(server.DataDirectory, PolicyProvider.DataDirectoryFileName));
        var policy = (await client.Console("GetPolicy")).Ok();
        Assert.Equal(("maintenance-1", path, Closed), (policy.GetProperty("Version").GetString(), policy.GetProperty("Source").GetString(), policy.GetProperty("Document").GetString()));
        Assert.Equal(Closed, File.ReadAllText(path));
        Assert.Equal("maintenance-1", (await user.Console("WhoAmI")).Ok().GetProperty("PolicyVersion").GetString());
        // The running service enforces it: the next request meets the new rule.
        Assert.Contains("closed for maintenance", (await user.Rekognition("CreateCollection", new { CollectionId = "after" })).Error("AccessDeniedException"), StringComparison.Ordinal);

        using var governor = server.Governance();
        var record = governor.Trail.Read().Single(r => r.Entry.Operation == Governor.PutPolicyOperation).Entry;
        Assert.Equal((governance.AccountId, governance.AccessKeyId, "recorded"), (record.AccountId, record.AccessKeyId, record.Decision));
        Assert.Contains("policy version maintenance-1", record.Detail, StringComparison.Ordinal);
        Assert.True(governor.Trail.Verify().Intact);
        Assert.Null((await client.Console("GetCalibration")).Ok().GetProperty("PolicyFloor").GetString());
    }

    [Fact]
    public async Task AServerStartedWithAPolicyFileHasItReplaced()
    {
        var file = Path.Combine(Path.GetTempPath(), $"likeness-policy-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, PolicyDocument.Default.Json);
        try
        {
            await using var server = await ConsoleServer.StartAsync(o => o with { PolicyPath = file });
            var client = server.Client(server.GovernanceKey());
            Assert.Equal(file, (await client.Console("GetPolicy")).Ok().GetProperty("Source").GetString());

            (await client.Console("PutPolicy", new { Document = Closed })).Ok();

            Assert.Equal(Closed, File.ReadAllText(file));
            Assert.False(File.Exists(Path.Combine(server.DataDirectory, PolicyProvider.DataDirectoryFileName)));
            Assert.Equal("maintenance-1", (await client.Console("GetPolicy")).Ok().GetProperty("Version").GetString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task AServerStartedWithoutAPolicyUsesTheDataDirectorysPolicyFile()
    {
        await using var server = await ConsoleServer.StartAsync(prepare: data => File.WriteAllText(Path.Combine(data, PolicyProvider.DataDirectoryFileName), Closed));

        var policy = (await server.Client(server.NewKey("user")).Console("GetPolicy")).Ok();

        Assert.Equal("maintenance-1", policy.GetProperty("Version").GetString());
        Assert.Equal(Path.GetFullPath(Path.Combine(server.DataDirectory, PolicyProvider.DataDirectoryFileName)), policy.GetProperty("Source").GetString());
    }
}
