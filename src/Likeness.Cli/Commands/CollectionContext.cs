using System.Globalization;
using Likeness.Collections;
using Likeness.Collections.Storage;
using Likeness.Governance.Enforcement;
using Likeness.Governance.Profiles;
using Likeness.Imaging;
using Likeness.Models.Assets;
using Likeness.Vision.Faces.Pipeline;
using Likeness.Vision.Onnx;

namespace Likeness.Cli.Commands;

/// <summary>
/// What the collection verbs share: the data directory (--data-dir, $LIKENESS_DATA_DIR,
/// $XDG_DATA_HOME/likeness, ~/.local/share/likeness), the account (--account, default the local
/// account 000000000000) and a <see cref="CollectionService"/> that loads the face models only for the
/// verbs that read images.
/// </summary>
internal sealed class CollectionContext : IDisposable
{
    public const string LocalAccount = "000000000000";

    private readonly CollectionDatabase _database;
    private readonly OnnxRuntime? _runtime;
    private readonly FacePipeline? _pipeline;

    private CollectionContext(CollectionDatabase database, OnnxRuntime? runtime, FacePipeline? pipeline, string account, Governor governor, CallerContext caller, FaceModel faceModel)
    {
        _database = database;
        _runtime = runtime;
        _pipeline = pipeline;
        Account = account;
        Governor = governor;
        Caller = caller;
        Service = new CollectionService(database, faceModel, pipeline);
    }

    public string Account { get; }

    /// <summary>The use policy, audit trail and review queue of the data directory: the CLI obeys the same policy as the server.</summary>
    public Governor Governor { get; }

    /// <summary>The local caller: --account, --use-case, --case-id.</summary>
    public CallerContext Caller { get; }

    /// <summary>Runs one operation under the use policy and records it, as the server does.</summary>
    public T Governed<T>(string operation, string? collectionId, double? threshold, double? defaultThreshold, Func<T> work)
    {
        var (result, reviews) = Governor.Run(Caller, operation, collectionId, threshold, defaultThreshold, work,
            gallerySize: collectionId is null ? null : () => Service.FaceCount(Account, collectionId));
        if (reviews.Count > 0) Console.Error.WriteLine($"{reviews.Count} candidate match(es) queued for human review: {string.Join(", ", reviews)} (`likeness review list`)");
        return result;
    }

    public CollectionService Service { get; }

    /// <summary>Reads the shared options (call before RejectUnknownOptions) and opens the store, with the face models when <paramref name="needsImages"/>.</summary>
    public static CollectionContext Open(CliArguments args, bool needsImages)
    {
        var dataDirectory = args.Option("data-dir") ?? DefaultDataDirectory();
        var account = args.Option("account") ?? LocalAccount;
        var cacheDir = args.Option("cache-dir");
        var useCase = args.Option("use-case");
        var caseId = args.Option("case-id");
        var policy = args.Option("policy");
        var faceModel = FaceModelOption.Parse(args.Option("face-model"));
        args.RejectUnknownOptions();
        if (useCase is not null && !UseCases.All.Contains(useCase)) throw new CliUsageException($"--use-case takes one of {string.Join(", ", UseCases.All)}, not '{useCase}'.");
        var database = CollectionDatabase.Open(dataDirectory);
        var governor = Governor.Open(dataDirectory, policy, warn: message => Console.Error.WriteLine($"policy: {message}"),
            faceModelId: faceModel.EmbedderModelId);
        var caller = new CallerContext(account, null, useCase, caseId);
        if (!needsImages) return new CollectionContext(database, null, null, account, governor, caller, faceModel);
        var assets = InstalledAssets.Default(cacheDir);
        var runtime = OnnxRuntime.Load(new OnnxRuntimeOptions { SearchPaths = [assets.OnnxRuntimeLibrary()] });
        return new CollectionContext(database, runtime, FacePipeline.OpenDefault(runtime, assets, faceModel.Embedder), account, governor, caller, faceModel);
    }

    public static string DefaultDataDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("LIKENESS_DATA_DIR");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var root = !string.IsNullOrWhiteSpace(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(root, "likeness");
    }

    public static int? Integer(CliArguments args, string name)
    {
        var text = args.Option(name);
        if (text is null) return null;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CliUsageException($"--{name} takes a whole number, not '{text}'.");
    }

    public static double? Number(CliArguments args, string name)
    {
        var text = args.Option(name);
        if (text is null) return null;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CliUsageException($"--{name} takes a number, not '{text}'.");
    }

    public static QualityFilter? Filter(CliArguments args)
    {
        var text = args.Option("quality-filter");
        if (text is null) return null;
        return Enum.TryParse<QualityFilter>(text, ignoreCase: true, out var filter) && !int.TryParse(text, out _)
            ? filter
            : throw new CliUsageException($"--quality-filter takes none, auto, low, medium or high, not '{text}'.");
    }

    /// <summary>Positional argument <paramref name="index"/> or a usage error naming what is missing.</summary>
    public static string Required(CliArguments args, int index, string usage) =>
        args.Positional.Count > index ? args.Positional[index] : throw new CliUsageException($"usage: {usage}");

    public void Dispose()
    {
        Service.Dispose();
        Governor.Dispose();
        _pipeline?.Dispose();
        _runtime?.Dispose();
        _database.Dispose();
    }
}
