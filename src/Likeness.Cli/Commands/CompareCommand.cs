using System.Globalization;
using System.Text.Json;
using Likeness.Imaging;
using Likeness.Models.Assets;
using Likeness.Vision.Faces.Analysis;
using Likeness.Vision.Faces.Comparison;
using Likeness.Vision.Faces.Pipeline;
using Likeness.Vision.Faces.Similarity;
using Likeness.Vision.Onnx;

namespace Likeness.Cli.Commands;

/// <summary>
/// `likeness compare SOURCE TARGET [--threshold N] [--json]`: Rekognition's CompareFaces on two files —
/// the largest face of SOURCE against every face of TARGET — as a readable table, or with --json as
/// Rekognition's CompareFaces response. Either way the calibrated false-match rate of the threshold is
/// printed (on stderr with --json, so stdout stays exactly Rekognition's shape).
/// </summary>
public static class CompareCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public static int Run(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var assets = InstalledAssets.Default(args.Option("cache-dir"));
        var thresholdText = args.Option("threshold");
        var json = args.Flag("json");
        var detectorScales = DetectorScalesOption.Parse(args.Option("detector-scales"));
        args.RejectUnknownOptions();
        // Positional[0] is the verb itself.
        if (args.Positional.Count != 3) throw new CliUsageException("`likeness compare` takes two image paths: SOURCE TARGET.");
        var threshold = FaceComparer.DefaultThreshold;
        if (thresholdText is not null && (!double.TryParse(thresholdText, NumberStyles.Float, CultureInfo.InvariantCulture, out threshold) || !(threshold is >= 0 and <= 100)))
        {
            throw new CliUsageException($"--threshold is a Similarity from 0 to 100, got '{thresholdText}'.");
        }
        var sourcePath = args.Positional[1];
        var targetPath = args.Positional[2];
        var source = ImageFile.Decode(sourcePath);
        var target = ImageFile.Decode(targetPath);

        using var runtime = OnnxRuntime.Load(new OnnxRuntimeOptions { SearchPaths = [assets.OnnxRuntimeLibrary()] });
        using var pipeline = FacePipeline.OpenDefault(runtime, assets, detectorScales: detectorScales);
        var result = pipeline.Compare(source, target, threshold);

        var rateLine = RateLine(result, pipeline.Calibration);
        if (result.SourceImageFace is null)
        {
            // Rekognition answers InvalidParameterException here; the CLI says so in one line.
            stderr.WriteLine($"No face was found in the source image {sourcePath}; CompareFaces needs one.");
            return 1;
        }
        if (json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(FaceComparisonJson.Response(result), JsonOptions));
            stderr.WriteLine(rateLine);
            return 0;
        }

        var s = result.SourceImageFace;
        stdout.WriteLine(Invariant($"source {sourcePath}: {source.Width}x{source.Height}, largest face at left={s.Detection.Left:F0} top={s.Detection.Top:F0} width={s.Detection.Width:F0} height={s.Detection.Height:F0}, confidence {s.Confidence:F1}"));
        var count = result.FaceMatches.Count + result.UnmatchedFaces.Count;
        stdout.WriteLine(Invariant($"target {targetPath}: {target.Width}x{target.Height}, {count} face(s), {result.FaceMatches.Count} at or above the threshold"));
        stdout.WriteLine(rateLine);
        if (count > 0)
        {
            stdout.WriteLine("   similarity  match    left     top   width  height  confidence");
            foreach (var face in result.FaceMatches.Concat(result.UnmatchedFaces))
            {
                var d = face.Face.Detection;
                stdout.WriteLine(Invariant($"   {face.Similarity,10:F1}  {(face.Similarity >= threshold ? "yes" : "no"),5}  {d.Left,6:F0}  {d.Top,6:F0}  {d.Width,6:F0}  {d.Height,6:F0}  {face.Face.Confidence,10:F1}"));
            }
        }
        return 0;
    }

    private static string RateLine(FaceComparison result, SimilarityCalibration calibration)
    {
        var fmr = result.EstimatedFalseMatchRate;
        var oneIn = fmr > 0 ? 1 / fmr : double.PositiveInfinity;
        var how = result.FalseMatchRateExtrapolated
            ? $"extrapolated beyond what {calibration.Table.ImpostorPairs:N0} measured impostor pairs resolve"
            : $"measured on {calibration.Table.ImpostorPairs:N0} impostor pairs";
        return Invariant($"threshold {result.Threshold:G4}: estimated false-match rate {fmr:G3} (one in {oneIn:N0} comparisons with someone else; {how}; docs/THRESHOLDS.md)");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
