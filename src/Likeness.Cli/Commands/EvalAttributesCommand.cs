using System.Diagnostics;
using Likeness.Evaluation;
using Likeness.Evaluation.Attributes;
using Likeness.Evaluation.Verification;
using Likeness.Models.Assets;
using Likeness.Vision.Faces.Attributes;
using Likeness.Vision.Faces.Detection;
using Likeness.Vision.Faces.Landmarks;
using Likeness.Vision.Onnx;

namespace Likeness.Cli.Commands;

/// <summary>
/// `likeness eval attributes [--utkface DIR] [--limit N]`: age and gender accuracy of
/// `faceapi-age-gender` (the model the pipeline uses) on UTKFace per race x gender cell, printed as
/// the Markdown table docs/ATTRIBUTES.md records.
/// </summary>
public static class EvalAttributesCommand
{
    public static int Run(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var assets = InstalledAssets.Default(args.Option("cache-dir"));
        var folder = EvaluationData.Require(args.Option("utkface"), "utkface-dev");
        var limitText = args.Option("limit");
        args.RejectUnknownOptions();
        int? limit = null;
        if (limitText is not null)
        {
            if (!int.TryParse(limitText, out var n) || n <= 0) throw new CliUsageException($"--limit takes a positive number of images, not '{limitText}'.");
            limit = n;
        }

        using var runtime = OnnxRuntime.Load(new OnnxRuntimeOptions { SearchPaths = [assets.OnnxRuntimeLibrary()] });
        using var blaze = runtime.OpenSession(assets.Model("blazeface"));
        using var landmarkSession = runtime.OpenSession(assets.Model("faceapi-landmark68"));
        using var ageGender = runtime.OpenSession(assets.Model("faceapi-age-gender"));
        using var expression = runtime.OpenSession(assets.Model("faceapi-expression"));
        var locator = new CentralFaceLocator(new BlazeFaceDetector(blaze), new FaceApiLandmarkDetector(landmarkSession));
        var estimator = new FaceAttributeEstimator(ageGender, expression);

        var clock = Stopwatch.StartNew();
        var predictions = UtkFaceAttributeEvaluator.Predict(folder, locator, (image, landmarks) =>
        {
            var (age, gender) = estimator.EstimateAgeGender(image, landmarks);
            return (age, gender.Value);
        }, limit);
        var overall = UtkFaceAttributeEvaluator.Summarise(predictions, FaceAttributeEstimator.AgeHalfWidth)[^1];

        stdout.WriteLine($"faceapi-age-gender on {folder}: {predictions.Count} labelled images, {overall.Found} faces found, {clock.Elapsed.TotalSeconds:F0} s");
        stdout.WriteLine($"AgeRange = estimate ± {FaceAttributeEstimator.AgeHalfWidth} years (FaceAttributeEstimator.AgeHalfWidth); measured MAE {overall.AgeMae:F2}");
        stdout.WriteLine("% of true ages within estimate ± w, all faces: " + string.Join(", ",
            Enumerable.Range(3, 10).Select(w => $"w={w}: {UtkFaceAttributeEvaluator.Summarise(predictions, w)[^1].WithinRangePercent:F1}")));
        stdout.WriteLine();
        stdout.WriteLine("| group | faces | found | gender error % [95% CI] | age MAE (years) | % true age within AgeRange |");
        stdout.WriteLine("|---|---|---|---|---|---|");
        foreach (var cell in UtkFaceAttributeEvaluator.Summarise(predictions, FaceAttributeEstimator.AgeHalfWidth))
        {
            stdout.WriteLine($"| {cell.Group} | {cell.Faces} | {cell.Found} | {cell.GenderErrorPercent:F1} [{cell.GenderErrorInterval.Lower * 100:F1}, {cell.GenderErrorInterval.Upper * 100:F1}] | {cell.AgeMae:F2} | {cell.WithinRangePercent:F1} |");
        }
        return 0;
    }
}
