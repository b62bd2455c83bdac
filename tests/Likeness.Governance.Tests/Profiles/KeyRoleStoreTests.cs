using Likeness.Collections.Storage;
using Likeness.Governance.Enforcement;
using Likeness.Governance.Profiles;
using Microsoft.Data.Sqlite;

namespace Likeness.Governance.Tests.Profiles;

/// <summary>Roles of access keys: reviewer keys name a registered reviewer, grants and removals are chained into the trail, old databases gain the table.</summary>
public sealed class KeyRoleStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "likeness-roles-" + Guid.NewGuid().ToString("N"));
    private readonly Governor _governor;

    public KeyRoleStoreTests()
    {
        _governor = Governor.Open(_directory);
        _governor.Reviews.AddReviewer("rev-1", "R. Reviewer", "analyst", DateOnly.FromDateTime(DateTime.UtcNow));
    }

    public void Dispose()
    {
        _governor.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void AReviewerRoleNamesTheRegisteredReviewerTheKeyActsAs()
    {
        var granted = _governor.Roles.Grant("AKIDREVIEWER", KeyRoles.Reviewer, "rev-1");

        Assert.Equal(("AKIDREVIEWER", "reviewer", "rev-1"), (granted.AccessKeyId, granted.Role, granted.ReviewerId));
        Assert.Equal(granted, Assert.Single(_governor.Roles.List("AKIDREVIEWER")));
    }

    [Fact]
    public void AReviewerRoleForAnUnregisteredReviewerIsRefusedNamingTheCommandThatRegistersThem()
    {
        var error = Assert.Throws<InvalidOperationException>(() => _governor.Roles.Grant("AKIDREVIEWER", KeyRoles.Reviewer, "nobody"));
        Assert.Contains("likeness review reviewer add nobody", error.Message, StringComparison.Ordinal);
        Assert.Empty(_governor.Roles.List());
        Assert.Empty(_governor.Trail.Read());
    }

    [Fact]
    public void TheReviewerIdGoesWithTheReviewerRoleOnly()
    {
        Assert.Throws<ArgumentException>(() => _governor.Roles.Grant("AKID", KeyRoles.Reviewer));
        Assert.Throws<ArgumentException>(() => _governor.Roles.Grant("AKID", KeyRoles.Governance, "rev-1"));
        Assert.Throws<ArgumentException>(() => _governor.Roles.Grant("AKID", "admin"));
        Assert.Throws<ArgumentException>(() => _governor.Roles.Remove("AKID", "admin"));
    }

    [Fact]
    public void AKeyHoldsEachRoleOnceAndGrantingAgainReplacesTheGrant()
    {
        _governor.Reviews.AddReviewer("rev-2", "S. Second", "analyst", DateOnly.FromDateTime(DateTime.UtcNow));
        _governor.Roles.Grant("AKID", KeyRoles.Reviewer, "rev-1");
        _governor.Roles.Grant("AKID", KeyRoles.Reviewer, "rev-2");
        _governor.Roles.Grant("AKID", KeyRoles.Governance);
        _governor.Roles.Grant("OTHER", KeyRoles.Governance);

        var roles = _governor.Roles.List("AKID");
        Assert.Equal([(KeyRoles.Governance, null), (KeyRoles.Reviewer, "rev-2")], roles.Select(r => (r.Role, r.ReviewerId)));
        Assert.Equal(3, _governor.Roles.List().Count);
    }

    [Fact]
    public void GrantsAndRemovalsAreChainedIntoTheTrailAndARoleNotHeldIsNotRemoved()
    {
        _governor.Roles.Grant("AKID", KeyRoles.Governance);
        Assert.True(_governor.Roles.Remove("AKID", KeyRoles.Governance));
        Assert.False(_governor.Roles.Remove("AKID", KeyRoles.Governance));

        var records = _governor.Trail.Read().ToList();
        Assert.Equal([KeyRoleStore.GrantOperation, KeyRoleStore.RemoveOperation], records.Select(r => r.Entry.Operation));
        Assert.All(records, r => Assert.Equal("operator", r.Entry.AccountId));
        Assert.Contains("access key AKID granted role governance", records[0].Entry.Detail, StringComparison.Ordinal);
        Assert.Empty(_governor.Roles.List());
        Assert.True(_governor.Trail.Verify().Intact);
    }

    [Fact]
    public void ADatabaseFromBeforeRolesGainsTheTableAndKeepsItsData()
    {
        _governor.Profiles.Set("123456789012", "Thorn", Sector.Nonprofit, new Jurisdiction("US"));
        // Make the database what version 2 left: no key_roles table, user_version 2.
        using (var store = SqliteStore.Open(Path.Combine(_directory, GovernanceDatabase.FileName), 3, ""))
        {
            store.Write((c, t) => Sql.Execute(c, t, "DROP TABLE key_roles; PRAGMA user_version = 2;"));
        }
        SqliteConnection.ClearAllPools();

        using var reopened = Governor.Open(_directory);
        Assert.Equal("Thorn", reopened.Profiles.Get("123456789012").Organisation);
        Assert.Equal("rev-1", Assert.Single(reopened.Reviews.Reviewers()).ReviewerId);
        reopened.Roles.Grant("AKID", KeyRoles.Governance);
        Assert.Single(reopened.Roles.List());
    }
}
