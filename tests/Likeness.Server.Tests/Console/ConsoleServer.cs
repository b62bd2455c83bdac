using Likeness.Governance.Enforcement;
using Likeness.Governance.Profiles;
using Likeness.Models.Assets;
using Likeness.Server.Auth;
using Likeness.Server.Tests.Auth;

namespace Likeness.Server.Tests.Console;

/// <summary>
/// The real server (<see cref="LikenessServer"/>, models and all) started in this process on a free loopback port over a
/// fresh data directory, plus what the console tests need: accounts and keys, roles, and the governance stores, opened
/// beside the server as the CLI opens them while a server runs.
/// </summary>
public sealed class ConsoleServer : IAsyncDisposable
{
    private readonly TemporaryDirectory _directory;
    private readonly HttpClient _http;

    private ConsoleServer(TemporaryDirectory directory, LikenessServer server)
    {
        _directory = directory;
        Server = server;
        _http = new HttpClient { BaseAddress = server.Endpoint };
    }

    public LikenessServer Server { get; }

    public string DataDirectory => Path.Combine(_directory.Path, "data");

    /// <summary>A client without keys, for the static files.</summary>
    public HttpClient Http => _http;

    /// <summary>
    /// Starts a server; <paramref name="configure"/> adjusts its options (the data directory is already set) and
    /// <paramref name="prepare"/> writes into the data directory before the server opens it.
    /// </summary>
    public static async Task<ConsoleServer> StartAsync(Func<ServerOptions, ServerOptions>? configure = null, Action<string>? prepare = null)
    {
        var directory = new TemporaryDirectory();
        try
        {
            var options = new ServerOptions { Port = 0, DataDirectory = Path.Combine(directory.Path, "data") };
            Directory.CreateDirectory(options.DataDirectory);
            prepare?.Invoke(options.DataDirectory);
            var server = await LikenessServer.StartAsync(configure?.Invoke(options) ?? options);
            return new ConsoleServer(directory, server);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>A new account named <paramref name="name"/> (made unique) and a key of it.</summary>
    public AccessKey NewKey(string name)
    {
        using var accounts = AccountStore.Open(DataDirectory, MasterKey.LoadOrCreate(DataDirectory));
        return accounts.CreateKey(accounts.CreateAccount($"{name}-{Guid.NewGuid():N}").AccountId);
    }

    /// <summary>A new key of the same account as <paramref name="key"/>.</summary>
    public AccessKey SecondKey(AccessKey key)
    {
        using var accounts = AccountStore.Open(DataDirectory, MasterKey.LoadOrCreate(DataDirectory));
        return accounts.CreateKey(key.AccountId);
    }

    /// <summary>The governance stores of the server's data directory; dispose it.</summary>
    public Governor Governance() => Governor.Open(DataDirectory);

    /// <summary>A new key holding the governance role.</summary>
    public AccessKey GovernanceKey()
    {
        var key = NewKey("governance");
        using var governor = Governance();
        governor.Roles.Grant(key.AccessKeyId, KeyRoles.Governance);
        return key;
    }

    /// <summary>A new key holding the reviewer role as a newly registered reviewer trained today; returns the key and the reviewer id.</summary>
    public (AccessKey Key, string ReviewerId) ReviewerKey()
    {
        var key = NewKey("reviewer");
        var reviewerId = "rev-" + Guid.NewGuid().ToString("N")[..8];
        using var governor = Governance();
        governor.Reviews.AddReviewer(reviewerId, "R. Reviewer", "analyst", DateOnly.FromDateTime(DateTime.UtcNow));
        governor.Roles.Grant(key.AccessKeyId, KeyRoles.Reviewer, reviewerId);
        return (key, reviewerId);
    }

    /// <summary>A client signing with <paramref name="key"/>.</summary>
    public ConsoleClient Client(AccessKey key) => new(_http, Server.Endpoint, key);

    /// <summary>face-api's demo photo sample1.jpg (four faces) from the model cache, which the server needs anyway.</summary>
    public static byte[] SamplePhoto()
    {
        var npm = AssetCache.Default().NpmDirectory;
        var path = Directory.EnumerateDirectories(npm, "*face-api@1.7.15").Select(d => Path.Combine(d, "demo", "sample1.jpg")).FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"sample1.jpg is not under {npm}/*face-api@1.7.15/demo; run `likeness models install`.");
        return File.ReadAllBytes(path);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Server.DisposeAsync();
        _directory.Dispose();
    }
}
