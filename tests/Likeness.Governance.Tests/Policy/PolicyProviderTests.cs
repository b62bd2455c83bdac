using Likeness.Governance.Policy;

namespace Likeness.Governance.Tests.Policy;

/// <summary>The live policy: default without a file, reload on change, refusal of an invalid change.</summary>
public sealed class PolicyProviderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("likeness-policy-").FullName;
    private readonly ManualClock _clock = new();
    private readonly List<string> _warnings = [];

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Policy(string version) => $$"""{ "version": "{{version}}", "rules": [ { "id": "deny-all", "effect": { "deny": "closed in {{version}}" } } ] }""";

    private string Write(string json, int secondsLater)
    {
        var path = Path.Combine(_directory, "policy.json");
        File.WriteAllText(path, json);
        // Explicit modification times: two writes within one file-system tick must still look different.
        File.SetLastWriteTimeUtc(path, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(secondsLater));
        return path;
    }

    [Fact]
    public void WithoutAPathTheDefaultPolicyIsInForce()
    {
        using var provider = new PolicyProvider(null);
        Assert.Same(PolicyDocument.Default, provider.Current.Document);
        Assert.Null(provider.FilePath);
    }

    [Fact]
    public void AChangedFileIsReloadedOnTheNextCheck()
    {
        var path = Write(Policy("v1"), 0);
        using var provider = new PolicyProvider(path, _warnings.Add, _clock);
        Assert.Equal("v1", provider.Current.Document.Version);

        Write(Policy("v2"), 10);
        Assert.Equal("v1", provider.Current.Document.Version); // checked at most once a second
        _clock.Advance(TimeSpan.FromMilliseconds(1001));
        Assert.Equal("v2", provider.Current.Document.Version);
        Assert.Empty(_warnings);
    }

    [Fact]
    public void AnUnchangedFileKeepsTheSameEngine()
    {
        var path = Write(Policy("v1"), 0);
        using var provider = new PolicyProvider(path, _warnings.Add, _clock);
        var first = provider.Current;
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Same(first, provider.Current);
    }

    [Fact]
    public void AnInvalidChangeIsRefusedWithAWarningAndThePreviousPolicyStays()
    {
        var path = Write(Policy("v1"), 0);
        using var provider = new PolicyProvider(path, _warnings.Add, _clock);
        Write("""{ "version": "v2", "rules": [ { "id": "r", "effect": { "deny": "x", "minThreshold": 99 } } ] }""", 10);
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("v1", provider.Current.Document.Version);
        var warning = Assert.Single(_warnings);
        Assert.Contains("$.rules[0].effect", warning, StringComparison.Ordinal);
        Assert.Contains("v1 stays in force", warning, StringComparison.Ordinal);

        // Refused once, not again every second while the file stays the same.
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("v1", provider.Current.Document.Version);
        Assert.Single(_warnings);

        Write(Policy("v3"), 20);
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("v3", provider.Current.Document.Version);
    }

    [Fact]
    public void ADeletedFileKeepsThePreviousPolicyWithAWarning()
    {
        var path = Write(Policy("v1"), 0);
        using var provider = new PolicyProvider(path, _warnings.Add, _clock);
        File.Delete(path);
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("v1", provider.Current.Document.Version);
        Assert.Single(_warnings);
    }

    [Fact]
    public void AnInvalidFileAtStartThrowsNamingTheFile()
    {
        var path = Write("""{ "version": "v1" }""", 0);
        var error = Assert.Throws<PolicyException>(() => new PolicyProvider(path));
        Assert.Equal($"{path}: $.rules: required property is missing", error.Message);
        Assert.Throws<PolicyException>(() => new PolicyProvider(Path.Combine(_directory, "missing.json")));
    }

    [Fact]
    public void ReloadWorksWithTheRealClock()
    {
        var path = Write(Policy("v1"), 0);
        using var provider = new PolicyProvider(path, _warnings.Add);
        Write(Policy("v2"), 10);
        Thread.Sleep(1100);
        Assert.Equal("v2", provider.Current.Document.Version);
    }

    [Fact]
    public void AnOptionalFileThatDoesNotExistLeavesTheDefaultInForceUntilItAppears()
    {
        var path = Path.Combine(_directory, "policy.json");
        using var provider = PolicyProvider.Optional(path, _warnings.Add, _clock);
        Assert.Same(PolicyDocument.Default, provider.Current.Document);
        Assert.Equal(PolicyProvider.DefaultSource, provider.Source);
        Assert.Equal(path, provider.FilePath);

        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Same(PolicyDocument.Default, provider.Current.Document);
        Assert.Empty(_warnings); // a file that never existed is not a disappearance

        Write(Policy("v1"), 0);
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("v1", provider.Current.Document.Version);
        Assert.Equal(path, provider.Source);
    }

    [Fact]
    public void AnOptionalFileThatExistsButIsInvalidThrowsAtStart()
    {
        var path = Write("""{ "version": "v1" }""", 0);
        Assert.Throws<PolicyException>(() => PolicyProvider.Optional(path));
    }

    [Fact]
    public void SaveWritesTheTextExactlyAndPutsItInForceAtOnce()
    {
        var path = Path.Combine(_directory, "policy.json");
        using var provider = PolicyProvider.Optional(path, _warnings.Add, _clock);
        var text = "// the operator's comment stays\n" + Policy("v2");

        provider.Save(PolicyDocument.Parse(text));

        Assert.Equal("v2", provider.Current.Document.Version); // no wait for the once-a-second check
        Assert.Equal(path, provider.Source);
        Assert.Equal(text, File.ReadAllText(path));
        Assert.Equal(["policy.json"], Directory.GetFiles(_directory).Select(Path.GetFileName)); // no temporary file left behind
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("v2", provider.Current.Document.Version);
        Assert.Empty(_warnings);
    }

    [Fact]
    public void AProviderOfTheDefaultPolicyOnlyCannotSave()
    {
        using var provider = new PolicyProvider(null);
        Assert.Throws<InvalidOperationException>(() => provider.Save(PolicyDocument.Parse(Policy("v1"))));
        Assert.Equal(PolicyProvider.DefaultSource, provider.Source);
    }

    [Fact]
    public void AParseErrorCarriesItsPathAndProblemSeparately()
    {
        var error = Assert.Throws<PolicyException>(() => PolicyDocument.Parse("""{ "version": "v1", "rules": [ { "id": "Bad Id", "effect": { "deny": "x" } } ] }"""));
        Assert.Equal("$.rules[0].id", error.JsonPath);
        Assert.StartsWith("rule id 'Bad Id' must be kebab-case", error.Problem, StringComparison.Ordinal);
        Assert.Equal($"{error.JsonPath}: {error.Problem}", error.Message);
        Assert.Equal("$", Assert.Throws<PolicyException>(() => PolicyDocument.Parse("{")).JsonPath);
    }

    /// <summary>A clock the test moves by hand, so the once-a-second pacing is tested without sleeping.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
