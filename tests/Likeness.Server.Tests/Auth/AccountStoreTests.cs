using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Likeness.Server.Auth;
using Microsoft.Data.Sqlite;

namespace Likeness.Server.Tests.Auth;

public sealed partial class AccountStoreTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly byte[] _keyBytes = RandomNumberGenerator.GetBytes(32);
    private readonly MasterKey _masterKey;

    public AccountStoreTests() => _masterKey = MasterKey.FromBytes(_keyBytes);

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void AccountsGetTwelveDigitIdsAndAreListed()
    {
        using var store = AccountStore.Open(_directory.Path, _masterKey);

        var alice = store.CreateAccount("alice");
        var bob = store.CreateAccount("Bob team_2.0-x");

        Assert.Matches(AccountId(), alice.AccountId);
        Assert.NotEqual(alice.AccountId, bob.AccountId);
        Assert.Equal(alice, store.FindAccount(alice.AccountId));
        Assert.Null(store.FindAccount("000000000000"));
        Assert.Equal([alice, bob], store.ListAccounts());
    }

    [Theory]
    [InlineData("")]
    [InlineData(" padded")]
    [InlineData("semi;colon")]
    [InlineData("ünïcode")]
    [InlineData("a-name-that-is-far-too-long-to-be-an-account-name-0123456789abcdef")]
    public void InvalidAccountNamesAreRefused(string name)
    {
        using var store = AccountStore.Open(_directory.Path, _masterKey);

        var error = Assert.Throws<AccountException>(() => store.CreateAccount(name));

        Assert.Contains("Invalid account name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AccountNamesAreUnique()
    {
        using var store = AccountStore.Open(_directory.Path, _masterKey);
        store.CreateAccount("alice");

        var error = Assert.Throws<AccountException>(() => store.CreateAccount("alice"));

        Assert.Equal("An account named 'alice' already exists.", error.Message);
    }

    [Fact]
    public void KeysLookLikeAwsKeysAndResolveToTheirAccount()
    {
        using var store = AccountStore.Open(_directory.Path, _masterKey);
        var account = store.CreateAccount("alice");

        var key = store.CreateKey(account.AccountId);

        Assert.Matches(AccessKeyIdPattern(), key.AccessKeyId);
        Assert.Matches(SecretPattern(), key.SecretAccessKey);
        Assert.Equal(account.AccountId, key.AccountId);
        var lookup = store.FindActiveKey(key.AccessKeyId);
        Assert.NotNull(lookup);
        Assert.Equal(account.AccountId, lookup.AccountId);
        Assert.Equal(Encoding.ASCII.GetBytes(key.SecretAccessKey), lookup.Secret);
        Assert.Equal([new AccessKeyInfo(key.AccessKeyId, account.AccountId, key.Created, null)], store.ListKeys(account.AccountId));
    }

    [Fact]
    public void KeyForAnUnknownAccountIsRefused()
    {
        using var store = AccountStore.Open(_directory.Path, _masterKey);

        var error = Assert.Throws<AccountException>(() => store.CreateKey("999999999999"));

        Assert.Equal("No account 999999999999.", error.Message);
    }

    [Fact]
    public void RotationIssuesANewKeyAndRevokesTheOldOne()
    {
        using var store = AccountStore.Open(_directory.Path, _masterKey);
        var account = store.CreateAccount("alice");
        var old = store.CreateKey(account.AccountId);
        Assert.NotNull(store.FindActiveKey(old.AccessKeyId));

        var rotated = store.RotateKey(old.AccessKeyId);

        Assert.NotEqual(old.AccessKeyId, rotated.AccessKeyId);
        Assert.NotEqual(old.SecretAccessKey, rotated.SecretAccessKey);
        Assert.Equal(account.AccountId, rotated.AccountId);
        Assert.Null(store.FindActiveKey(old.AccessKeyId));
        Assert.NotNull(store.FindActiveKey(rotated.AccessKeyId));
        var keys = store.ListKeys(account.AccountId);
        Assert.NotNull(Assert.Single(keys, k => k.AccessKeyId == old.AccessKeyId).Revoked);
        Assert.Null(Assert.Single(keys, k => k.AccessKeyId == rotated.AccessKeyId).Revoked);
        Assert.Throws<AccountException>(() => store.RotateKey(old.AccessKeyId));
    }

    [Fact]
    public void RevokedKeyIsNotFoundAndCannotSign()
    {
        using var store = AccountStore.Open(_directory.Path, _masterKey);
        var key = store.CreateKey(store.CreateAccount("alice").AccountId);
        var now = DateTimeOffset.UtcNow;
        var request = TestSigner.Sign(key, now);
        Assert.True(SigV4Verifier.Verify(request, store.FindActiveKey, "us-east-1", "rekognition", now, TimeSpan.FromMinutes(5)).Success);

        store.RevokeKey(key.AccessKeyId);
        store.RevokeKey(key.AccessKeyId);

        Assert.Null(store.FindActiveKey(key.AccessKeyId));
        var result = SigV4Verifier.Verify(request, store.FindActiveKey, "us-east-1", "rekognition", now, TimeSpan.FromMinutes(5));
        Assert.Equal("UnrecognizedClientException", result.ErrorType);
        Assert.Equal("The security token included in the request is invalid.", result.Message);
    }

    [Fact]
    public void RevokingAnUnknownKeyIsRefused()
    {
        using var store = AccountStore.Open(_directory.Path, _masterKey);

        var error = Assert.Throws<AccountException>(() => store.RevokeKey("LKIAAAAAAAAAAAAAAAAA"));

        Assert.Equal("No access key LKIAAAAAAAAAAAAAAAAA.", error.Message);
    }

    [Fact]
    public void RevocationByAnotherProcessAppliesAfterTheRecheckInterval()
    {
        using var server = AccountStore.Open(_directory.Path, _masterKey);
        using var cli = AccountStore.Open(_directory.Path, _masterKey);
        var key = cli.CreateKey(cli.CreateAccount("alice").AccountId);
        Assert.NotNull(server.FindActiveKey(key.AccessKeyId));

        cli.RevokeKey(key.AccessKeyId);
        server.RevocationRecheck = TimeSpan.Zero;

        Assert.Null(server.FindActiveKey(key.AccessKeyId));
    }

    [Fact]
    public void MalformedOrUnknownKeyIdsAreNotFound()
    {
        using var store = AccountStore.Open(_directory.Path, _masterKey);

        Assert.Null(store.FindActiveKey(""));
        Assert.Null(store.FindActiveKey("AKIAIOSFODNN7EXAMPLE"));
        Assert.Null(store.FindActiveKey("LKIAAAAAAAAAAAAAAAAA"));
        Assert.Null(store.FindActiveKey("LKIA' OR 1=1 --xxxxx"));
    }

    [Fact]
    public void SecretsAreEncryptedAtRest()
    {
        var secrets = new List<string>();
        using (var store = AccountStore.Open(_directory.Path, _masterKey))
        {
            var account = store.CreateAccount("alice");
            for (var i = 0; i < 5; i++) secrets.Add(store.CreateKey(account.AccountId).SecretAccessKey);
            secrets.Add(store.RotateKey(store.CreateKey(account.AccountId).AccessKeyId).SecretAccessKey);
        }

        // The WAL file holds recent commits until a checkpoint, so it is searched too.
        var files = Directory.GetFiles(_directory.Path, AccountStore.FileName + "*");
        Assert.Contains(files, f => f.EndsWith(AccountStore.FileName, StringComparison.Ordinal));
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            foreach (var secret in secrets)
            {
                Assert.True(bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(secret)) < 0, $"{Path.GetFileName(file)} holds a secret in the clear");
                Assert.True(bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(secret[..16])) < 0, $"{Path.GetFileName(file)} holds part of a secret in the clear");
            }
        }
    }

    [Fact]
    public void OpeningWithAnotherMasterKeyIsRefusedNamingBothFingerprints()
    {
        using (var store = AccountStore.Open(_directory.Path, _masterKey)) store.CreateKey(store.CreateAccount("alice").AccountId);
        var other = MasterKey.FromBytes(RandomNumberGenerator.GetBytes(32));

        var error = Assert.Throws<InvalidOperationException>(() => AccountStore.Open(_directory.Path, other));

        Assert.Contains(_masterKey.Fingerprint, error.Message, StringComparison.Ordinal);
        Assert.Contains(other.Fingerprint, error.Message, StringComparison.Ordinal);
        Assert.Contains("restore the original key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SecretMovedOntoAnotherKeysRowFailsAuthentication()
    {
        string victim;
        using (var store = AccountStore.Open(_directory.Path, _masterKey))
        {
            var account = store.CreateAccount("alice");
            var attacker = store.CreateKey(account.AccountId);
            victim = store.CreateKey(account.AccountId).AccessKeyId;
            using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory.Path, AccountStore.FileName)};Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE access_keys SET secret = (SELECT secret FROM access_keys WHERE access_key_id = $a) WHERE access_key_id = $v";
            command.Parameters.AddWithValue("$a", attacker.AccessKeyId);
            command.Parameters.AddWithValue("$v", victim);
            Assert.Equal(1, command.ExecuteNonQuery());
        }
        using var reopened = AccountStore.Open(_directory.Path, _masterKey);

        var error = Assert.Throws<AccountException>(() => reopened.FindActiveKey(victim));

        Assert.Contains(victim, error.Message, StringComparison.Ordinal);
        Assert.Contains("fails authentication", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeysSurviveReopening()
    {
        AccessKey key;
        using (var store = AccountStore.Open(_directory.Path, _masterKey)) key = store.CreateKey(store.CreateAccount("alice").AccountId);

        using var reopened = AccountStore.Open(_directory.Path, MasterKey.FromBytes(_keyBytes));

        Assert.Equal(Encoding.ASCII.GetBytes(key.SecretAccessKey), reopened.FindActiveKey(key.AccessKeyId)?.Secret);
    }

    [Fact]
    public void AccessKeyToStringLeavesOutTheSecret()
    {
        var key = new AccessKey("LKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "123456789012", DateTimeOffset.UnixEpoch);

        Assert.DoesNotContain(key.SecretAccessKey, key.ToString(), StringComparison.Ordinal);
        Assert.Contains("LKIAIOSFODNN7EXAMPLE", key.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountId();

    [GeneratedRegex("^LKIA[A-Z2-7]{16}$")]
    private static partial Regex AccessKeyIdPattern();

    [GeneratedRegex("^[A-Za-z0-9/+]{40}$")]
    private static partial Regex SecretPattern();
}
