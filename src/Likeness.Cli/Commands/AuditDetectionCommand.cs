using System.Globalization;
using Likeness.Evaluation.Audits;
using Likeness.Evaluation.Detection;
using Likeness.Evaluation.Reports;
using Likeness.Governance.Enforcement;
using Likeness.Vision.Faces.Detection;
using Likeness.Vision.Onnx;

namespace Likeness.Cli.Commands;

/// <summary>`likeness audit detection`: the default detector's recall per Fitzpatrick skin type, perceived gender and age group, with intervals.</summary>
internal static class AuditDetectionCommand
{
    /// <summary>The detector DetectFaces runs (docs/DETECTION.md).</summary>
    public const string DefaultDetector = BlazeFacePyramidDetector.ModelName;

    public static int Run(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var started = DateTimeOffset.UtcNow;
        var boxes = args.Option("boxes") ?? throw new CliUsageException("audit detection needs --boxes FILE, a WIDER FACE ground-truth file (e.g. ../shared/data/wider-dev/wider_face_val_bbx_gt.txt).");
        var boxesFolder = Path.GetDirectoryName(Path.GetFullPath(boxes))!;
        var images = args.Option("images") ?? Path.Combine(boxesFolder, "images");
        var demographics = args.Option("demographics") ?? (File.Exists(Path.Combine(boxesFolder, "demographics_val.csv")) ? Path.Combine(boxesFolder, "demographics_val.csv") : null);
        var detectorSpec = args.Option("detector") ?? DefaultDetector;
        var record = args.Flag("record");
        var outDirectory = args.Option("out");
        var threads = AuditCommand.Threads(args);
        var (assets, dataDirectory, _) = AuditCommand.Common(args);
        args.RejectUnknownOptions();
        if (!Directory.Exists(images)) throw new CliUsageException($"No images folder at {images}; pass --images DIR (the folder the boxes file's paths are relative to).");

        var faces = WiderDetectionEvaluator.Load(boxes, demographics);
        var output = AuditOutput.For("detection", outDirectory, dataDirectory, started);
        using var runtime = OnnxRuntime.Load(new OnnxRuntimeOptions { SearchPaths = [assets.OnnxRuntimeLibrary()], IntraOpThreads = threads });
        var sessions = new Dictionary<string, OnnxSession>(StringComparer.Ordinal);
        try
        {
            var detector = EvalDetectionCommand.Detector(detectorSpec, model =>
            {
                if (!sessions.TryGetValue(model, out var session)) sessions[model] = session = runtime.OpenSession(assets.Model(model));
                return session;
            }, assets);
            var evaluation = new WiderDetectionEvaluator(stderr).RunOn(images, faces, detectorSpec, detector);
            var result = new DetectionAuditResult { Boxes = boxes, Demographics = demographics, Evaluation = evaluation, CompletedAt = DateTimeOffset.UtcNow, Command = AuditCommand.CommandLine(args) };
            var sha = output.Write(result, DetectionAuditReport.Html(result));
            var headline = DetectionAuditReport.Headline(result);
            stdout.WriteLine(headline);
            foreach (var g in evaluation.Groups.Where(g => g.Faces > 0))
            {
                var p = g.Points.First(x => x.TargetFppi == 0.5);
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {g.Category} | {g.Group} | {g.Faces} faces | recall at 0.5 FPPI {100 * p.Recall:F1}% [{100 * p.Lower:F1}, {100 * p.Upper:F1}]"));
            }
            output.Announce(stdout);
            if (record)
            {
                using var governor = Governor.Open(dataDirectory, warn: m => stderr.WriteLine($"policy: {m}"));
                AuditRecording.Record(governor, output, sha, detectorSpec, result.CompletedAt, demographics is null ? boxes : $"{boxes} + {demographics}", headline);
                stdout.WriteLine($"recorded: {output.Id} (likeness audit list)");
            }
            return 0;
        }
        finally
        {
            foreach (var session in sessions.Values) session.Dispose();
        }
    }
}
