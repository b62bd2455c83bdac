using System.Globalization;
using System.Text.Json;
using Likeness.Cli;
using Likeness.Governance.Audits;
using Likeness.Governance.Enforcement;
using Likeness.Models.Assets;
using Likeness.Models.Catalog;
using Likeness.Server;
using Likeness.Server.Auth;
using Likeness.Vision.Faces.Embedding;

namespace Likeness.Console.Tests;

/// <summary>
/// The real server on a loopback port over a temporary data directory, with the keys the console tests sign in
/// with, set up through the operator's CLI verbs as docs/POLICY.md describes:
/// <list type="bullet">
/// <item><see cref="Operator"/>: the development key, a registered reviewer and governance officer.</item>
/// <item><see cref="Police"/>: Springfield Police Department (law enforcement, US-IL), under the 2020 moratorium.</item>
/// <item><see cref="Ngo"/>: Thorn (nonprofit, US-CA), its anti-trafficking use case approved and bound to the key,
/// so it may search at 99 with a case id and its matches are queued for human review.</item>
/// </list>
/// </summary>
public sealed class ConsoleServer : IAsyncLifetime
{
    /// <summary>The reviewer id the operator's key decides reviews as.</summary>
    public const string ReviewerId = "rev-ada";

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"likeness-console-{Guid.NewGuid():N}");
    private LikenessServer? _server;

    public string DataDirectory => Path.Combine(_root, "data");

    public LikenessServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>Where the console is served: /console/ on the server.</summary>
    public Uri ConsoleUrl => new(Server.Endpoint, "/console/");

    public AccessKey Operator { get; private set; } = null!;

    public AccessKey Police { get; private set; } = null!;

    public AccessKey Ngo { get; private set; } = null!;

    /// <summary>face-api's group photo: three people in front (IndexFaces indexes those three), a fourth face further back.</summary>
    public string GroupPhoto { get; } = InstalledAssets.Default().PackageFile(ModelCatalog.FaceApi, "demo/sample1.jpg");

    /// <summary>Another of face-api's sample photos.</summary>
    public string OtherPhoto { get; } = InstalledAssets.Default().PackageFile(ModelCatalog.FaceApi, "demo/sample2.jpg");

    public async Task InitializeAsync()
    {
        _server = await LikenessServer.StartAsync(new ServerOptions { DataDirectory = DataDirectory, Port = 0 });
        Operator = Server.DevelopmentKey ?? throw new InvalidOperationException("A fresh data directory should have made a development key.");
        var trainedOn = DateTime.UtcNow.AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Likeness("review", "reviewer", "add", ReviewerId, "--name", "Ada Reviewer", "--role", "trust and safety analyst", "--trained-on", trainedOn);
        Likeness("keys", "role", "add", Operator.AccessKeyId, "reviewer", "--reviewer-id", ReviewerId);
        Likeness("keys", "role", "add", Operator.AccessKeyId, "governance");
        Likeness("profile", "set", Operator.AccountId, "--organisation", "Likeness operators", "--sector", "research", "--country", "DE");

        Police = CreateKey("springfield-police");
        Likeness("profile", "set", Police.AccountId, "--organisation", "Springfield Police Department", "--sector", "law-enforcement",
            "--country", "US", "--region", "IL", "--city", "Springfield");

        Ngo = CreateKey("thorn");
        Likeness("profile", "set", Ngo.AccountId, "--organisation", "Thorn", "--sector", "nonprofit", "--country", "US", "--region", "CA", "--city", "Los Angeles");
        Likeness("profile", "use-case", Ngo.AccountId, "anti-trafficking-victim-identification", "--status", "approved");
        Likeness("keys", "bind", Ngo.AccessKeyId, "anti-trafficking-victim-identification");

        RecordAudit("console-fixture-detection", """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Detection audit (console test fixture)</title>
            <style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:50rem}td,th{border:1px solid #ccc;padding:.3rem .6rem}</style></head>
            <body><h1>Detection audit (console test fixture)</h1>
            <p id="marker">Written by tests/Likeness.Console.Tests to show how the console frames a recorded audit report; it measures nothing.</p>
            <table><tr><th>Group</th><th>Recall</th></tr><tr><td>(fixture)</td><td>n/a</td></tr></table></body></html>
            """);
    }

    /// <summary>
    /// Records a detection audit whose reports (detection.json, detection.html side by side, as `likeness audit` writes
    /// them) say they are test fixtures, through the governance store the CLI's --record uses. Returns the record.
    /// </summary>
    public BiasAuditRecord RecordAudit(string id, string html)
    {
        var directory = Path.Combine(_root, "audits", id);
        Directory.CreateDirectory(directory);
        var json = Path.Combine(directory, $"{BiasAuditKinds.Detection}.json");
        File.WriteAllText(json, $$"""{"kind":"detection","id":"{{id}}","note":"console test fixture, not a measurement"}""");
        File.WriteAllText(Path.Combine(directory, $"{BiasAuditKinds.Detection}.html"), html);
        var audit = new BiasAuditRecord(id, BiasAuditKinds.Detection, FaceEmbedderSpec.Default.ModelId, DateTimeOffset.UtcNow,
            "console test fixture", json, BiasAuditRecord.Sha256Of(json), [], $"Test fixture {id}: no measurement.");
        using var governor = Governor.Open(DataDirectory);
        governor.Audits.Record(audit);
        return audit;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a process that is going away; the temporary directory is harmless.
        }
    }

    /// <summary>A browser at 1280 x 900 (or the given size) on this server's console.</summary>
    public ConsoleBrowser OpenBrowser(int width = 1280, int height = 900) => new(ConsoleUrl, width, height);

    /// <summary>A browser emulating a phone screen 375 CSS pixels wide (a desktop window cannot be made that narrow).</summary>
    public ConsoleBrowser OpenPhoneBrowser() => new(ConsoleUrl, 375, 812, phone: true);

    /// <summary>Runs `likeness ARGS --data-dir DIR` in-process, as an operator would beside the running server, and returns its stdout.</summary>
    public string Likeness(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CliApp.Run([.. args, "--data-dir", DataDirectory], stdout, stderr);
        Assert.True(code == 0, $"likeness {string.Join(' ', args)} exited with {code}: {stderr}");
        return stdout.ToString();
    }

    private AccessKey CreateKey(string accountName)
    {
        using var account = JsonDocument.Parse(Likeness("accounts", "create", $"{accountName}-{Guid.NewGuid().ToString("N")[..6]}"));
        var accountId = account.RootElement.GetProperty("AccountId").GetString()!;
        using var key = JsonDocument.Parse(Likeness("keys", "create", accountId));
        return new AccessKey(key.RootElement.GetProperty("AccessKeyId").GetString()!, key.RootElement.GetProperty("SecretAccessKey").GetString()!,
            accountId, DateTimeOffset.UtcNow);
    }
}
