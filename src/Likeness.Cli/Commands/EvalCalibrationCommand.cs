using System.Globalization;
using Likeness.Evaluation;
using Likeness.Evaluation.Calibration;
using Likeness.Models.Assets;
using Likeness.Vision.Faces.Embedding;
using Likeness.Vision.Faces.Similarity;

namespace Likeness.Cli.Commands;

/// <summary>
/// `likeness eval calibration [--utkface DIR] [--lfw DIR] [--out FILE] [--cache DIR] [--threads N]`: fits the
/// default embedder's Similarity calibration on UTKFace cross pairs and LFW pairs, writes the table
/// (JSON, the file shipped as Likeness.Vision's resource) and prints the threshold table and the
/// per-group false-match rates that docs/THRESHOLDS.md records.
/// </summary>
public static class EvalCalibrationCommand
{
    /// <summary>The thresholds the per-group rates are reported at.</summary>
    public static readonly IReadOnlyList<double> GroupThresholds = [80, 90, 95, 99];

    public static int Run(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var utk = EvaluationData.Require(args.Option("utkface"), "utkface-dev");
        var lfw = EvaluationData.Require(args.Option("lfw"), "lfw-dev");
        var outPath = args.Option("out");
        var cacheRoot = args.Option("cache") ?? EmbeddingCache.DefaultRoot;
        var threads = AuditCommand.Threads(args);
        var date = args.Option("date") ?? DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var assets = InstalledAssets.Default(args.Option("cache-dir"));
        args.RejectUnknownOptions();

        var spec = FaceEmbedderSpec.Default;
        using var models = new AuditModels(assets, threads, cacheRoot);
        var evaluator = models.CalibrationEvaluator(stderr);

        var scores = evaluator.Score(utk, lfw);
        var metadata = new SimilarityCalibrationTable
        {
            ModelId = spec.ModelId,
            RawScore = "1 / (1 + Euclidean distance) between the 128-d descriptors (FaceSimilarity.Compare)",
            Mapping = $"Similarity S >= {SimilarityCalibrationFit.FloorSimilarity} means FMR = 10^-(S-{SimilarityCalibrationFit.FloorSimilarity})/10 (80: 1e-4, 90: 1e-5, 100: 1e-6); below {SimilarityCalibrationFit.FloorSimilarity}, linear in the raw score from 0",
            FittedOn = $"utkface-dev: {scores.UtkFaceImages.Count} images, {scores.UtkFaceImpostorPairs} cross pairs (treated as different people; {scores.UtkFaceDuplicatePairs} pairs of one picture filed twice left out); " +
                $"lfw-dev: {scores.LfwImpostorPairs} non-mated pairs (impostors), {scores.Genuine.Length} mated pairs (genuine, not used by the fit); " +
                $"{scores.ImagesWithoutFace} images without a face left out",
            Date = date,
            ImpostorPairs = scores.Impostors.Length,
            GenuinePairs = scores.Genuine.Length,
            TailModel = "",
            Points = [],
        };
        var table = SimilarityCalibrationFit.Fit(scores.Impostors, metadata);
        var calibration = new SimilarityCalibration(table);
        if (outPath is not null) File.WriteAllText(outPath, SimilarityCalibration.Write(table) + "\n");

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{spec.ModelId}: {scores.Impostors.Length:N0} impostor pairs ({scores.UtkFaceImpostorPairs:N0} UTKFace + {scores.LfwImpostorPairs:N0} LFW), {scores.Genuine.Length:N0} genuine (LFW); {scores.ImagesWithoutFace} images without a face; {scores.UtkFaceDuplicatePairs} UTKFace duplicate pairs left out"));
        stdout.WriteLine("| Similarity | raw score | distance | FMR | impostors at or above | measured? | LFW non-mated at or above (of 1,500) | LFW genuine pairs at or above % | expected false matches, N = 25,000 | N = 850,000 | N = 20,000,000 |");
        stdout.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var s in new double[] { 40, 50, 60, 70, 75, 80, 85, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100 })
        {
            var raw = calibration.RawScore(s);
            var measuredImpostors = SimilarityCalibrationFit.CountAtOrAbove(scores.Impostors, raw);
            var tar = 100.0 * SimilarityCalibrationFit.CountAtOrAbove(scores.Genuine, raw) / scores.Genuine.Length;
            var fmr = calibration.EstimatedFalseMatchRate(s);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {s} | {raw:F4} | {1 / raw - 1:F4} | {fmr:G3} | {measuredImpostors} | {(calibration.IsExtrapolated(s) ? "extrapolated" : "measured")} | {SimilarityCalibrationFit.CountAtOrAbove(scores.LfwImpostors, raw)} | {tar:F2} | {fmr * 25_000:G3} | {fmr * 850_000:G3} | {fmr * 20_000_000:G3} |"));
        }
        stdout.WriteLine();
        stdout.WriteLine($"Tail: {table.TailModel}");
        stdout.WriteLine();
        var top = scores.Impostors.Length;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Highest impostor scores: {string.Join(", ", scores.Impostors.Skip(Math.Max(0, top - 12)).Reverse().Select(x => x.ToString("F4", CultureInfo.InvariantCulture)))}"));
        stdout.WriteLine();
        stdout.WriteLine("Same-group impostor FMR on UTKFace (both faces in the group):");
        stdout.WriteLine("| group | pairs | " + string.Join(" | ", GroupThresholds.Select(t => $"FMR at {t} (false matches)")) + " |");
        stdout.WriteLine("|---|---|" + string.Concat(GroupThresholds.Select(_ => "---|")));
        foreach (var group in CalibrationEvaluator.GroupRates(scores, calibration, GroupThresholds).GroupBy(g => g.Group))
        {
            var rows = group.ToList();
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {group.Key} | {rows[0].Pairs:N0} | {string.Join(" | ", rows.Select(r => $"{r.FalseMatchRate:G3} ({r.FalseMatches})"))} |"));
        }
        return 0;
    }
}
