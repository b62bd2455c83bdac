namespace Likeness.Cli.Tests;

/// <summary>The data directory's policy.json (written by the console's PutPolicy) is the policy the CLI's governance verbs open too.</summary>
public sealed class DataDirectoryPolicyTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("likeness-cli-policy-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public void AnInvalidDataDirectoryPolicyIsOneLineNamingTheFileAndThePath()
    {
        var path = Path.Combine(_data, "policy.json");
        File.WriteAllText(path, """{ "version": "v1" }""");

        var (code, stdout, stderr) = CliRunner.Run("review", "list", "--data-dir", _data);

        Assert.Equal(1, code);
        Assert.Empty(stdout);
        Assert.Equal($"likeness: invalid policy: {path}: $.rules: required property is missing", stderr.TrimEnd('\n'));
    }
}
