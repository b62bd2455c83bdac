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
        using var gt = File.OpenText(gtPath);
        var images = WiderGroundTruthFile.Parse(gt);
        var demographicsPath = Path.Combine(folder, "demographics_val.csv");
        if (!File.Exists(demographicsPath)) return images;
        using var csv = File.OpenText(demographicsPath);
        return WiderGroundTruthFile.JoinDemographics(images, csv);
    }

    public DetectionEvaluation Run(string folder, IReadOnlyList<WiderImage> images, string name, IFaceDetector detector)
    {
        var decoder = new ImageDecoder();
        var matches = new List<ImageMatch>(images.Count);
        var times = new List<double>(images.Count);
        for (var i = 0; i < images.Count; i++)
        {
            var image = decoder.Decode(File.ReadAllBytes(Path.Combine(folder, "images", images[i].RelativePath)));
            var clock = Stopwatch.StartNew();
            var found = detector.Detect(image, MinConfidence);
            times.Add(clock.Elapsed.TotalMilliseconds);
            matches.Add(DetectionMatcher.Match(images[i].Faces, found));
            progress.Write($"\r{name}: {i + 1}/{images.Count} images");
            progress.Flush();
        }
        progress.WriteLine();
        times.Sort();
        var median = times.Count == 0 ? 0 : times.Count % 2 == 1 ? times[times.Count / 2] : (times[times.Count / 2 - 1] + times[times.Count / 2]) / 2;
        return DetectionMetrics.Compute(name, images, matches, DetectionMetrics.DefaultFppi, MinConfidence, median);
    }
}
