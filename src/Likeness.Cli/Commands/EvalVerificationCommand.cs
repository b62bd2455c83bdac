using System.Globalization;
using System.Text.Json;
using Likeness.Evaluation;
using Likeness.Evaluation.Reports;
using Likeness.Evaluation.Verification;
using Likeness.Models.Assets;
using Likeness.Vision.Faces.Alignment;
using Likeness.Vision.Faces.Detection;
using Likeness.Vision.Faces.Embedding;
using Likeness.Vision.Faces.Landmarks;
using Likeness.Vision.Onnx;

namespace Likeness.Cli.Commands;

/// <summary>
/// `likeness eval verification [--lfw DIR | --pairs FILE --images DIR] [--models LIST] [--out DIR] [--landmarks single|mirror] [--json FILE] [--threads N]`: LFW's 5-fold
/// verification protocol for each embedder, as docs/ACCURACY.md reports it.
/// </summary>
/// <remarks>
/// LIST is comma-separated; each item is a model (`faceres`), a model with an alignment
/// (`faceres:5pt@0.8`, `faceapi-recognition:box0.2`), optionally with `:mirror` or `:nomirror` (average
/// with the mirrored crop, or not, whatever the model's default), or a `+`-joined combination of those.
/// </remarks>
public static class EvalVerificationCommand
{
    public const string DefaultModels = "faceres,faceres-deep,mobilefacenet,mobileface,faceapi-recognition,faceapi-recognition-int8";

    public static int Run(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var pairsOption = args.Option("pairs");
        var imagesOption = args.Option("images");
        if ((pairsOption is null) != (imagesOption is null)) throw new CliUsageException("--pairs FILE and --images DIR go together (or give --lfw DIR for both).");
        var lfw = pairsOption is null ? EvaluationData.Require(args.Option("lfw"), "lfw-dev") : null;
        var pairsPath = pairsOption ?? Path.Combine(lfw!, "pairs.txt");
        var imagesPath = imagesOption ?? Path.Combine(lfw!, "images");
        var outDirectory = args.Option("out");
        var models = args.Option("models") ?? DefaultModels;
        var jsonPath = args.Option("json");
        var threads = AuditCommand.Threads(args);
        var landmarkMode = args.Option("landmarks") ?? "single";
        var assets = InstalledAssets.Default(args.Option("cache-dir"));
        args.RejectUnknownOptions();
        if (landmarkMode is not ("single" or "mirror")) throw new CliUsageException($"--landmarks is single or mirror, got '{landmarkMode}'.");

        using var runtime = OnnxRuntime.Load(new OnnxRuntimeOptions { SearchPaths = [assets.OnnxRuntimeLibrary()], IntraOpThreads = threads });
        var sessions = new Dictionary<string, OnnxSession>(StringComparer.Ordinal);
        OnnxSession Session(string model)
        {
            if (!sessions.TryGetValue(model, out var session)) sessions[model] = session = runtime.OpenSession(assets.Model(model));
            return session;
        }
        try
        {
            var embedders = models.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(item => Embedder(item, Session)).ToList();
            var locator = new CentralFaceLocator(new BlazeFaceDetector(Session("blazeface")), new FaceApiLandmarkDetector(Session("faceapi-landmark68"), averageWithMirror: landmarkMode == "mirror"));
            var results = new List<VerificationModelResult>();

            var started = DateTimeOffset.UtcNow;
            stdout.WriteLine($"Verification, {pairsPath}: k-fold accuracy (threshold chosen on the other folds), TAR at FAR over all pairs");
            stdout.WriteLine("| model/alignment | dim | accuracy % (mean ± std) | TAR@FAR=1e-4 | TAR@FAR=1e-3 | TAR@FAR=1e-2 | images without face | pairs affected | ms/embedding (median) |");
            stdout.WriteLine("|---|---|---|---|---|---|---|---|---|");
            foreach (var r in new LfwVerificationEvaluator(locator, stderr).Run(pairsPath, imagesPath, embedders))
            {
                results.Add(r);
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {r.ModelId} | {r.Dimension} | {100 * r.KFold.MeanAccuracy:F2} ± {100 * r.KFold.StdAccuracy:F2} | {Tar(r, 1e-4)} | {Tar(r, 1e-3)} | {Tar(r, 1e-2)} | {r.ImagesWithoutFace} | {r.PairsWithMissingFace} | {r.MedianMsPerEmbedding:F1} |"));
                stdout.Flush();
            }
            if (jsonPath is not null)
            {
                File.WriteAllText(jsonPath, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
            }
            if (outDirectory is not null)
            {
                var output = AuditOutput.In("verification", outDirectory, started);
                var report = new VerificationReportData { Pairs = pairsPath, Images = imagesPath, Models = results, CompletedAt = DateTimeOffset.UtcNow, Command = AuditCommand.CommandLine(args) };
                output.Write(report, VerificationReport.Html(report));
                output.Announce(stdout);
            }
            return 0;
        }
        finally
        {
            foreach (var session in sessions.Values) session.Dispose();
        }
    }

    // TAR at a FAR the data resolves, else "unresolved": with N impostor pairs, a FAR below 1/N cannot be measured.
    private static string Tar(VerificationModelResult r, double far)
    {
        var point = r.Roc.FirstOrDefault(p => p.TargetFar == far);
        if (point is null) return "-";
        return point.Resolvable ? (100 * point.Tar).ToString("F2", CultureInfo.InvariantCulture) : $"unresolved ({point.Impostors:N0} impostor pairs)";
    }

    private static IFaceEmbedder Embedder(string item, Func<string, OnnxSession> session)
    {
        var parts = item.Split('+');
        if (parts.Length > 1) return new CombinedFaceEmbedder(parts.Select(p => Embedder(p, session)).ToList());
        var fields = item.Split(':');
        var name = fields[0];
        var spec = FaceEmbedderSpec.Find(name)
            ?? throw new CliUsageException($"Unknown embedder '{name}'; known: {string.Join(", ", FaceEmbedderSpec.All.Select(s => s.ModelName))}.");
        foreach (var field in fields.Skip(1))
        {
            try
            {
                spec = field switch
                {
                    "mirror" => spec with { MirrorAverage = true },
                    "nomirror" => spec with { MirrorAverage = false },
                    _ => spec with { Alignment = FaceAlignment.Parse(field, spec.InputSize) },
                };
            }
            catch (FormatException e)
            {
                throw new CliUsageException(e.Message);
            }
        }
        return new OnnxFaceEmbedder(session(spec.ModelName), spec);
    }
}
