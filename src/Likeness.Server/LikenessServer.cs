using System.Net;
using Likeness.Collections;
using Likeness.Collections.Storage;
using Likeness.Governance.Enforcement;
using Likeness.Models.Assets;
using Likeness.Server.Auth;
using Likeness.Server.Console;
using Likeness.Server.Images;
using Likeness.Server.Observability;
using Likeness.Server.Operations;
using Likeness.Server.Protocol;
using Likeness.Vision.Faces.Pipeline;
using Likeness.Vision.Onnx;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Likeness.Server;

/// <summary>
/// The running service: Kestrel on the configured address, `POST /` (Rekognition and the console's operations),
/// the web console's files under `GET /console/`, `GET /healthz` and `GET /metrics`, over one face pipeline, one
/// collection store and one account store in the data directory. Logs go to stderr as JSON lines.
/// </summary>
public sealed class LikenessServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IDisposable[] _owned;

    private LikenessServer(WebApplication app, Uri endpoint, AccessKey? developmentKey, IDisposable[] owned)
    {
        _app = app;
        Endpoint = endpoint;
        DevelopmentKey = developmentKey;
        _owned = owned;
    }

    /// <summary>The address clients use as `--endpoint-url`.</summary>
    public Uri Endpoint { get; }

    /// <summary>The key created on the first start of an empty data directory (shown once; null on later starts).</summary>
    public AccessKey? DevelopmentKey { get; }

    /// <summary>Loads the models, opens the stores (creating the first account and key if there are none) and starts listening.</summary>
    public static async Task<LikenessServer> StartAsync(ServerOptions options, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(options.DataDirectory);
        var owned = new List<IDisposable>();
        try
        {
            var assets = InstalledAssets.Default(options.CacheDirectory);
            var runtime = OnnxRuntime.Load(new OnnxRuntimeOptions { SearchPaths = [assets.OnnxRuntimeLibrary()], IntraOpThreads = options.IntraOpThreads });
            owned.Add(runtime);
            var faceModel = FaceModel.Find(options.FaceModelVersion ?? FaceModel.Default.Version);
            var pipeline = FacePipeline.OpenDefault(runtime, assets, faceModel.Embedder, options.DetectorScales);
            owned.Add(pipeline);
            var database = CollectionDatabase.Open(options.DataDirectory);
            owned.Add(database);
            var collections = new CollectionService(database, faceModel, pipeline, new CollectionServiceOptions { Region = options.Region });
            owned.Add(collections);
            var accounts = AccountStore.Open(options.DataDirectory, MasterKey.LoadOrCreate(options.DataDirectory));
            owned.Add(accounts);
            var governor = Governor.Open(options.DataDirectory, options.PolicyPath, warn: message => System.Console.Error.WriteLine($"policy: {message}"),
                faceModelId: faceModel.EmbedderModelId);
            owned.Add(governor);
            AccessKey? developmentKey = null;
            if (accounts.ListAccounts().Count == 0)
            {
                developmentKey = accounts.CreateKey(accounts.CreateAccount("development").AccountId);
            }

            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o =>
            {
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.UseUtcTimestamp = true;
            });
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
            builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.Listen(IPAddress.Parse(options.Host), options.Port);
                kestrel.Limits.MaxRequestBodySize = options.MaxRequestBytes + 1;
                kestrel.AddServerHeader = false;
            });
            builder.Services.AddSingleton(options);
            builder.Services.AddSingleton(accounts);
            builder.Services.AddSingleton(new RateLimiter(options.RequestsPerSecondPerKey, options.BurstPerKey));
            builder.Services.AddSingleton(new RekognitionOperations(pipeline, collections, new ImageSource(options.S3Root), governor));
            builder.Services.AddSingleton(new ConsoleOperations(governor, options, faceModel));
            builder.Services.AddSingleton<RequestMetrics>();
            builder.Services.AddSingleton<RekognitionEndpoint>();

            var app = builder.Build();
            var endpoint = app.Services.GetRequiredService<RekognitionEndpoint>();
            var metrics = app.Services.GetRequiredService<RequestMetrics>();
            app.MapPost("/", endpoint.Handle);
            app.MapGet("/", ConsoleFiles.Root);
            var consoleFiles = ConsoleFiles.Load();
            app.MapMethods("/console/{**path}", [HttpMethods.Get, HttpMethods.Head], consoleFiles.Serve);
            app.MapGet("/healthz", () => Results.Text("ok\n"));
            app.MapGet("/metrics", () => Results.Text(metrics.Render(), "text/plain; version=0.0.4"));
            await app.StartAsync(cancel);

            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new LikenessServer(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)), developmentKey, [.. owned.AsEnumerable().Reverse()]);
        }
        catch
        {
            foreach (var item in owned.AsEnumerable().Reverse()) item.Dispose();
            throw;
        }
    }

    /// <summary>Completes when the host is asked to stop (SIGTERM, Ctrl-C) or <paramref name="cancel"/> fires.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancel = default) => _app.WaitForShutdownAsync(cancel);

    /// <summary>Stops listening, lets requests in progress finish, then saves indexes and closes the stores.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var item in _owned) item.Dispose();
    }
}
