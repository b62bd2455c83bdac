using System.Globalization;
using System.Text.Json;
using Likeness.Evaluation;
using Likeness.Evaluation.Detection;
using Likeness.Models.Assets;
using Likeness.Vision.Faces.Detection;
using Likeness.Vision.Onnx;

namespace Likeness.Cli.Commands;

/// <summary>
/// `likeness eval detection [--wider DIR] [--detectors LIST] [--json FILE] [--threads N]`: recall at
/// fixed false positives per image on WIDER FACE, by face size, skin type, gender and age, as
/// docs/DETECTION.md reports it.
/// </summary>
/// <remarks>
/// LIST is comma-separated; each item is `blazeface`, `blazeface-back` or `ssd` (face-api's SSD
/// MobileNet v1), optionally tiled: `blazeface:tiles=512+256` also runs the detector on overlapping
/// 512 and 256 px tiles (<see cref="TiledFaceDetector"/>); or `blazeface-anysize` (the default detector,
/// <see cref="BlazeFacePyramidDetector"/>), optionally with its scales: `blazeface-anysize:scales=0.5+0.75`.
/// </remarks>
public static class EvalDetectionCommand
{
    public const string DefaultDetectors = "blazeface,ssd,blazeface-anysize,blazeface-anysize:scales=0.5+0.75,blazeface:tiles=512+256";

    public static int Run(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var wider = EvaluationData.Require(args.Option("wider"), "wider-dev");
        var detectors = args.Option("detectors") ?? DefaultDetectors;
        var jsonPath = args.Option("json");
        var threads = AuditCommand.Threads(args);
        var assets = InstalledAssets.Default(args.Option("cache-dir"));
        args.RejectUnknownOptions();

        using var runtime = OnnxRuntime.Load(new OnnxRuntimeOptions { SearchPaths = [assets.OnnxRuntimeLibrary()], IntraOpThreads = threads });
        var sessions = new Dictionary<string, OnnxSession>(StringComparer.Ordinal);
        OnnxSession Session(string model)
        {
            if (!sessions.TryGetValue(model, out var session)) sessions[model] = session = runtime.OpenSession(assets.Model(model));
            return session;
        }
        try
        {
            var items = detectors.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var built = items.Select(item => (Name: item, Detector: Detector(item, Session, assets))).ToList();
            var images = WiderDetectionEvaluator.Load(wider);
            var evaluator = new WiderDetectionEvaluator(stderr);
            var results = new List<DetectionEvaluation>();
            foreach (var (name, detector) in built)
            {
                var result = evaluator.Run(wider, images, name, detector);
                results.Add(result);
                Print(result, stdout);
                stdout.Flush();
            }
            if (jsonPath is not null)
            {
                File.WriteAllText(jsonPath, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
            }
            return 0;
        }
        finally
        {
            foreach (var session in sessions.Values) session.Dispose();
        }
    }

    /// <summary>The detector an item names; "blazeface-anysize" is the default detector as it ships, its own kernel included.</summary>
    internal static IFaceDetector Detector(string item, Func<string, OnnxSession> session, InstalledAssets assets)
    {
        var colon = item.IndexOf(':');
        var name = colon < 0 ? item : item[..colon];
        if (new[] { BlazeFaceNetwork.ShortRange, BlazeFaceNetwork.FullRange }.FirstOrDefault(n => n.ModelName == name) is { } network)
        {
            var scales = Scales(colon < 0 ? "" : item[(colon + 1)..]);
            return network == BlazeFaceNetwork.ShortRange
                ? BlazeFacePyramidDetector.OpenDefault(session, assets, scales)
                : new BlazeFacePyramidDetector(session(name), scales, network);
        }
        IFaceDetector detector = name switch
        {
            "blazeface" or "blazeface-back" => new BlazeFaceDetector(session(name)),
            "ssd" or "faceapi-ssd-mobilenetv1" => new SsdMobilenetDetector(session("faceapi-ssd-mobilenetv1")),
            _ => throw new CliUsageException($"Unknown detector '{name}'; use blazeface-anysize, fullrange-anysize, blazeface, blazeface-back or ssd."),
        };
        if (colon < 0) return detector;
        var option = item[(colon + 1)..];
        if (!option.StartsWith("tiles=", StringComparison.Ordinal)) throw new CliUsageException($"Unknown detector option '{option}'; use tiles=SIZE+SIZE.");
        var sizes = new List<int>();
        foreach (var text in option["tiles=".Length..].Split('+'))
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size < 32)
            {
                throw new CliUsageException($"Tile sizes are whole numbers of pixels, at least 32; got '{text}'.");
            }
            sizes.Add(size);
        }
        return new TiledFaceDetector(detector, sizes);
    }

    private static IReadOnlyList<float> Scales(string option)
    {
        if (option == "") return BlazeFacePyramidDetector.DefaultScales;
        if (!option.StartsWith("scales=", StringComparison.Ordinal)) throw new CliUsageException($"Unknown detector option '{option}'; use scales=SCALE+SCALE, e.g. scales=0.5+1.");
        return DetectorScalesOption.Parse(option["scales=".Length..])!;
    }

    private static void Print(DetectionEvaluation r, TextWriter stdout)
    {
        var inv = CultureInfo.InvariantCulture;
        stdout.WriteLine();
        stdout.WriteLine(string.Create(inv, $"### {r.Detector}: {r.Images} images, {r.Faces} faces ({r.IgnoredFaces} invalid ones ignored), median {r.MedianMsPerImage:F1} ms/image"));
        stdout.WriteLine();
        stdout.WriteLine(string.Join(" ", r.OperatingPoints.Select(p => string.Create(inv, $"FPPI {p.TargetFppi:0.0#}: threshold {p.Threshold:F3} (FPPI reached {p.Fppi:F2});"))));
        stdout.WriteLine();
        stdout.WriteLine("| faces | group | n | " + string.Join(" | ", r.OperatingPoints.Select(p => string.Create(inv, $"recall @ FPPI {p.TargetFppi:0.0#} [95% CI]"))) + " |");
        stdout.WriteLine("|---|---|---|" + string.Concat(r.OperatingPoints.Select(_ => "---|")));
        foreach (var g in r.Groups.Where(g => g.Faces > 0))
        {
            stdout.WriteLine(string.Create(inv, $"| {g.Category} | {g.Group} | {g.Faces} | ")
                + string.Join(" | ", g.Points.Select(p => string.Create(inv, $"{100 * p.Recall:F1} [{100 * p.Lower:F1}, {100 * p.Upper:F1}]"))) + " |");
        }
    }
}
