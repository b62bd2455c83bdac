using System.Security.Cryptography;
using Likeness.Server.Auth;

namespace Likeness.Server.Tests.Auth;

public sealed class MasterKeyTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string KeyFile => Path.Combine(_directory.Path, MasterKey.FileName);

    [Fact]
    public void FirstUseCreatesAnOwnerOnlyKeyFileThatLaterLoadsReuse()
    {
        var created = MasterKey.LoadOrCreate(_directory.Path, environmentValue: null);

        Assert.True(File.Exists(KeyFile));
        Assert.Equal(32, Convert.FromBase64String(File.ReadAllText(KeyFile).Trim()).Length);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile));
        Assert.Equal(created.Fingerprint, MasterKey.LoadOrCreate(_directory.Path, environmentValue: null).Fingerprint);
        Assert.Empty(Directory.GetFiles(_directory.Path, "*.tmp"));
    }

    [Fact]
    public void EnvironmentVariableWinsOverTheFile()
    {
        var bytes = RandomNumberGenerator.GetBytes(32);

        var key = MasterKey.LoadOrCreate(_directory.Path, Convert.ToBase64String(bytes));

        Assert.Equal(MasterKey.FromBytes(bytes).Fingerprint, key.Fingerprint);
        Assert.Equal("environment variable LIKENESS_MASTER_KEY", key.Source);
        Assert.False(File.Exists(KeyFile));
    }

    [Fact]
    public void EmptyEnvironmentVariableCountsAsUnset()
    {
        var key = MasterKey.LoadOrCreate(_directory.Path, "  ");

        Assert.Equal(KeyFile, key.Source);
    }

    [Theory]
    [InlineData("not base64 at all!", "is not valid base64")]
    [InlineData("c2hvcnQ=", "decodes to 5 bytes")]
    public void MalformedEnvironmentKeyIsRefusedWithoutQuotingIt(string value, string problem)
    {
        var error = Assert.Throws<InvalidOperationException>(() => MasterKey.LoadOrCreate(_directory.Path, value));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains("LIKENESS_MASTER_KEY", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedKeyFileIsRefusedNamingTheFile()
    {
        var secretish = Convert.ToBase64String(RandomNumberGenerator.GetBytes(31));
        File.WriteAllText(KeyFile, secretish);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var error = Assert.Throws<InvalidOperationException>(() => MasterKey.LoadOrCreate(_directory.Path, null));

        Assert.Contains(KeyFile, error.Message, StringComparison.Ordinal);
        Assert.Contains("decodes to 31 bytes", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secretish, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyFileOthersCanReadIsRefused()
    {
        if (OperatingSystem.IsWindows()) return;
        MasterKey.LoadOrCreate(_directory.Path, null);
        File.SetUnixFileMode(KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var error = Assert.Throws<InvalidOperationException>(() => MasterKey.LoadOrCreate(_directory.Path, null));

        Assert.Contains("mode 0644", error.Message, StringComparison.Ordinal);
        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToStringShowsTheFingerprintNotTheKey()
    {
        var bytes = RandomNumberGenerator.GetBytes(32);
        var key = MasterKey.FromBytes(bytes);

        Assert.Matches("^[0-9a-f]{16}$", key.Fingerprint);
        Assert.Contains(key.Fingerprint, key.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(bytes), key.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(bytes), key.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void SealedDataOpensOnlyWithTheSameKeyAndAssociatedData()
    {
        var key = MasterKey.FromBytes(RandomNumberGenerator.GetBytes(32));
        var other = MasterKey.FromBytes(RandomNumberGenerator.GetBytes(32));
        var plaintext = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"u8.ToArray();

        var sealedBytes = key.Seal(plaintext, "LKIAAAAAAAAAAAAAAAAA"u8);

        Assert.Equal(12 + plaintext.Length + 16, sealedBytes.Length);
        Assert.NotEqual(sealedBytes, key.Seal(plaintext, "LKIAAAAAAAAAAAAAAAAA"u8));
        Assert.Equal(plaintext, key.Open(sealedBytes, "LKIAAAAAAAAAAAAAAAAA"u8));
        Assert.Null(key.Open(sealedBytes, "LKIABBBBBBBBBBBBBBBB"u8));
        Assert.Null(other.Open(sealedBytes, "LKIAAAAAAAAAAAAAAAAA"u8));
    }
}
