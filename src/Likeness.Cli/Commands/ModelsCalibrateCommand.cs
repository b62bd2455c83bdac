using System.Globalization;
using Likeness.Evaluation;
using Likeness.Evaluation.Audits;
using Likeness.Evaluation.Calibration;
using Likeness.Evaluation.Quantization;
using Likeness.Evaluation.Verification;
using Likeness.Imaging;
using Likeness.Models.Assets;
using Likeness.Models.Catalog;
using Likeness.Models.Conversion;
using Likeness.Models.Conversion.Quantization;
using Likeness.Vision.Faces.Detection;
using Likeness.Vision.Faces.Embedding;
using Likeness.Vision.Faces.Landmarks;
using Likeness.Vision.Onnx;

namespace Likeness.Cli.Commands;

/// <summary>
/// `likeness models calibrate MODEL [--utkface DIR] [--every N] [--date D] [--out FILE]`: measures the activation
/// ranges of an 8-bit catalog model by running its float network on real face crops — UTKFace images (never the
/// LFW pairs the embedder is evaluated on), every Nth, located, aligned and mirrored exactly as the embedder
/// feeds them — and writes the JSON shipped as Likeness.Models' Catalog/Ranges/&lt;MODEL&gt;.ranges.json.
/// </summary>
public static class ModelsCalibrateCommand
{
    /// <summary>Every 10th UTKFace dev image: 350 faces of every gender and race cell, 700 network inputs with their mirrors.</summary>
    public const int DefaultEvery = 10;

    public static int Run(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var name = args.Positional.Count > 2 ? args.Positional[2] : throw new CliUsageException("`likeness models calibrate` needs the 8-bit model to measure, e.g. faceapi-recognition-int8.");
        var model = ModelCatalog.All.FirstOrDefault(m => m.Name == name)
            ?? throw new CliUsageException($"Unknown model '{name}'; `likeness models list` names them.");
        if (model.QuantizedFrom is null)
        {
            throw new CliUsageException($"{name} is a float model; calibrate an 8-bit one ({string.Join(", ", ModelCatalog.All.Where(m => m.QuantizedFrom is not null).Select(m => m.Name))}).");
        }
        var spec = FaceEmbedderSpec.Find(model.QuantizedFrom)
            ?? throw new CliUsageException($"{name} quantises {model.QuantizedFrom}, which is not an embedder; only embedders are calibrated on face crops.");
        var utk = EvaluationData.Require(args.Option("utkface"), "utkface-dev");
        var everyText = args.Option("every");
        var every = DefaultEvery;
        if (everyText is not null && (!int.TryParse(everyText, NumberStyles.None, CultureInfo.InvariantCulture, out every) || every < 1))
        {
            throw new CliUsageException($"--every must be a whole number of 1 or more (1 uses every image), not '{everyText}'.");
        }
        var date = args.Option("date") ?? DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var outPath = args.Option("out");
        var assets = InstalledAssets.Default(args.Option("cache-dir"));
        args.RejectUnknownOptions();

        var files = Directory.GetFiles(utk, "*.jpg").Order(StringComparer.Ordinal).Where((_, i) => i % every == 0).ToList();
        if (files.Count == 0) throw new CliUsageException($"No .jpg images in {utk}.");

        using var runtime = OnnxRuntime.Load(new OnnxRuntimeOptions { SearchPaths = [assets.OnnxRuntimeLibrary()], IntraOpThreads = 2 });
        using var detector = runtime.OpenSession(assets.Model("blazeface"));
        using var landmarkModel = runtime.OpenSession(assets.Model("faceapi-landmark68"));
        using var network = runtime.OpenSession(ModelConverter.ConvertForCalibration(model, assets.PackageFile(model.Package, model.SourcePath)));
        var locator = new CentralFaceLocator(new BlazeFaceDetector(detector), new FaceApiLandmarkDetector(landmarkModel));
        var calibrator = new ActivationRangeCalibrator(network);
        var decoder = new ImageDecoder();
        var progress = new ProgressLine(stderr, $"calibrating {name}", files.Count);
        var faces = 0;
        for (var i = 0; i < files.Count; i++)
        {
            // UTKFace's chips are tight: the same padding the similarity calibration gives them.
            var image = CalibrationEvaluator.Pad(decoder.Decode(File.ReadAllBytes(files[i])), CalibrationEvaluator.UtkFacePadding);
            if (locator.Locate(image) is { } landmarks)
            {
                var crop = spec.Alignment.Align(image, landmarks).Image;
                calibrator.Add(OnnxFaceEmbedder.Input(spec, [crop]), spec.ViewsPerCrop, spec.InputSize, spec.InputSize, 3);
                faces++;
            }
            progress.Report(i + 1);
        }
        if (faces == 0) throw new CliUsageException($"No face was found in the {files.Count} images of {utk}; nothing to calibrate on.");

        var ranges = new ActivationRanges(name, model.QuantizedFrom,
            $"utkface-dev: every {every}th of its images in name order, {files.Count} images, {faces} faces located ({calibrator.Items} network inputs with the mirror images), {spec.Alignment.Name} crops",
            date, calibrator.Ranges());
        var json = ranges.ToJson() + "\n";
        if (outPath is null) stdout.Write(json);
        else
        {
            File.WriteAllText(outPath, json);
            stdout.WriteLine($"{name}: ranges of {ranges.Ranges.Count} tensors from {faces} faces of {files.Count} images written to {outPath}.");
        }
        return 0;
    }
}
