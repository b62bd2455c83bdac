using System.Diagnostics;
using Likeness.Imaging;
using Likeness.Vision.Faces.Detection;

namespace Likeness.Evaluation.Detection;

/// <summary>
/// Runs detectors over a WIDER FACE folder (`wider_face_val_bbx_gt.txt`, `images/`, optionally
/// `demographics_val.csv`) and measures them with <see cref="DetectionMetrics"/>. Prints a progress
/// line, counting images, on the given writer.
/// </summary>
public sealed class WiderDetectionEvaluator(TextWriter progress)
{
    /// <summary>
    /// Detections below this confidence are never kept: low enough that every FPPI target up to 1 is
    /// reached above it for the detectors measured (the chosen thresholds are in the report).
    /// </summary>
    public const float MinConfidence = 0.05f;

    public static IReadOnlyList<WiderImage> Load(string folder)
    {
        var gtPath = Path.Combine(folder, "wider_face_val_bbx_gt.txt");
        if (!File.Exists(gtPath)) throw new FileNotFoundException($"No wider_face_val_bbx_gt.txt in {folder}.", gtPath);
        var demographicsPath = Path.Combine(folder, "demographics_val.csv");
        return Load(gtPath, File.Exists(demographicsPath) ? demographicsPath : null);
    }

    /// <summary>The boxes of a WIDER-format ground-truth file, joined with a widerface-demographics CSV when one is given.</summary>
    public static IReadOnlyList<WiderImage> Load(string boxesPath, string? demographicsPath)
    {
        if (!File.Exists(boxesPath)) throw new FileNotFoundException($"No ground-truth boxes file {boxesPath}.", boxesPath);
        using var gt = File.OpenText(boxesPath);
        var images = WiderGroundTruthFile.Parse(gt);
        if (demographicsPath is null) return images;
        if (!File.Exists(demographicsPath)) throw new FileNotFoundException($"No demographics file {demographicsPath}.", demographicsPath);
        using var csv = File.OpenText(demographicsPath);
        return WiderGroundTruthFile.JoinDemographics(images, csv);
    }

    /// <summary>Runs <paramref name="detector"/> on the images of a WIDER folder (its `images/` subfolder).</summary>
    public DetectionEvaluation Run(string folder, IReadOnlyList<WiderImage> images, string name, IFaceDetector detector) =>
        RunOn(Path.Combine(folder, "images"), images, name, detector);

    /// <summary>Runs <paramref name="detector"/> on each image, found under <paramref name="imagesDirectory"/> by its path in the boxes file.</summary>
    public DetectionEvaluation RunOn(string imagesDirectory, IReadOnlyList<WiderImage> images, string name, IFaceDetector detector)
    {
        var decoder = new ImageDecoder();
        var matches = new List<ImageMatch>(images.Count);
        var times = new List<double>(images.Count);
        var bar = new Audits.ProgressLine(progress, name, images.Count);
        for (var i = 0; i < images.Count; i++)
        {
            var image = decoder.Decode(File.ReadAllBytes(Path.Combine(imagesDirectory, images[i].RelativePath)));
            var clock = Stopwatch.StartNew();
            var found = detector.Detect(image, MinConfidence);
            times.Add(clock.Elapsed.TotalMilliseconds);
            matches.Add(DetectionMatcher.Match(images[i].Faces, found));
            bar.Report(i + 1);
        }
        if (images.Count == 0) bar.Report(0);
        times.Sort();
        var median = times.Count == 0 ? 0 : times.Count % 2 == 1 ? times[times.Count / 2] : (times[times.Count / 2 - 1] + times[times.Count / 2]) / 2;
        return DetectionMetrics.Compute(name, images, matches, DetectionMetrics.DefaultFppi, MinConfidence, median);
    }
}
