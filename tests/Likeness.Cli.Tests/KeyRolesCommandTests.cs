using System.Text.Json;
using Likeness.Governance.Enforcement;

namespace Likeness.Cli.Tests;

/// <summary>`likeness keys role add|remove|list`: roles of existing, active keys; reviewer roles name a registered reviewer.</summary>
public sealed class KeyRolesCommandTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "likeness-cli-roles-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
    }

    private (int Code, string Out, string Err) Run(params string[] args) => CliRunner.Run([.. args, "--data-dir", _data]);

    private string NewKey()
    {
        var account = JsonDocument.Parse(Run("accounts", "create", "team-" + Guid.NewGuid().ToString("N")[..8]).Out).RootElement.GetProperty("AccountId").GetString()!;
        return JsonDocument.Parse(Run("keys", "create", account).Out).RootElement.GetProperty("AccessKeyId").GetString()!;
    }

    [Fact]
    public void AGovernanceRoleIsAddedListedAndRemoved()
    {
        var key = NewKey();

        var (code, stdout, _) = Run("keys", "role", "add", key, "governance");
        Assert.Equal(0, code);
        var granted = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal((key, "governance"), (granted.GetProperty("AccessKeyId").GetString(), granted.GetProperty("Role").GetString()));

        var list = JsonDocument.Parse(Run("keys", "role", "list").Out).RootElement;
        Assert.Equal(key, Assert.Single(list.EnumerateArray()).GetProperty("AccessKeyId").GetString());

        Assert.Equal(0, Run("keys", "role", "remove", key, "governance").Code);
        Assert.Empty(JsonDocument.Parse(Run("keys", "role", "list", key).Out).RootElement.EnumerateArray());
        var again = Run("keys", "role", "remove", key, "governance");
        Assert.Equal(1, again.Code);
        Assert.Contains("does not hold the governance role", again.Err, StringComparison.Ordinal);

        using var governor = Governor.Open(_data);
        Assert.Equal(["GrantKeyRole", "RemoveKeyRole"], governor.Trail.Read().Select(r => r.Entry.Operation));
    }

    [Fact]
    public void AReviewerRoleNamesARegisteredReviewer()
    {
        var key = NewKey();

        var unregistered = Run("keys", "role", "add", key, "reviewer", "--reviewer-id", "rev-1");
        Assert.Equal(1, unregistered.Code);
        Assert.Contains("likeness review reviewer add rev-1", unregistered.Err, StringComparison.Ordinal);

        Assert.Equal(0, Run("review", "reviewer", "add", "rev-1", "--name", "R. Reviewer", "--role", "analyst", "--trained-on", DateTime.UtcNow.ToString("yyyy-MM-dd")).Code);
        var (code, stdout, _) = Run("keys", "role", "add", key, "reviewer", "--reviewer-id", "rev-1");
        Assert.Equal(0, code);
        Assert.Equal("rev-1", JsonDocument.Parse(stdout).RootElement.GetProperty("ReviewerId").GetString());
    }

    [Theory]
    [InlineData("reviewer")]
    [InlineData("governance", "--reviewer-id", "rev-1")]
    [InlineData("admin")]
    public void AWrongRoleLineIsAUsageError(string role, params string[] options)
    {
        var (code, stdout, stderr) = Run(["keys", "role", "add", NewKey(), role, .. options]);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void AnUnknownOrRevokedKeyGetsNoRole()
    {
        var unknown = Run("keys", "role", "add", "LKIAUNKNOWNKEY000000", "governance");
        Assert.Equal(1, unknown.Code);
        Assert.Contains("No access key LKIAUNKNOWNKEY000000", unknown.Err, StringComparison.Ordinal);

        var key = NewKey();
        Assert.Equal(0, Run("keys", "revoke", key).Code);
        var revoked = Run("keys", "role", "add", key, "governance");
        Assert.Equal(1, revoked.Code);
        Assert.Contains("revoked", revoked.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpListsTheRoleVerbs()
    {
        Assert.Contains("likeness keys role add ACCESS_KEY_ID reviewer --reviewer-id ID", CliRunner.Run("help").Out, StringComparison.Ordinal);
    }
}
