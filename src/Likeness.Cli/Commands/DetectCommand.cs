using System.Text;
using Likeness.Imaging;
using Likeness.Imaging.Annotation;
using Likeness.Imaging.Png;
using Likeness.Models.Assets;
using Likeness.Vision.Faces.Analysis;
using Likeness.Vision.Onnx;

namespace Likeness.Cli.Commands;

/// <summary>
/// `likeness detect IMAGE [--attributes default|all] [--json] [--out FILE.png]`: Rekognition's
/// DetectFaces on a local photo. A readable table by default; --json prints DetectFaces' response
/// shape; --out writes the photo with each face's box, number and landmarks drawn on it.
/// </summary>
public static class DetectCommand
{
    public static int Run(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var assets = InstalledAssets.Default(args.Option("cache-dir"));
        var attributes = ParseAttributes(args.Option("attributes"));
        var json = args.Flag("json");
        var outPath = args.Option("out");
        var detectorScales = DetectorScalesOption.Parse(args.Option("detector-scales"));
        args.RejectUnknownOptions();

        // Checked before the slow part, so a wrong name costs nothing; the file itself is written last.
        if (outPath is not null && !outPath.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            throw new CliUsageException($"--out writes a PNG; give a path ending in .png, not '{outPath}'.");
        }
        if (args.Positional.Count < 2) throw new CliUsageException("`likeness detect` needs an image path: likeness detect IMAGE [--attributes default|all] [--json] [--out FILE.png] [--detector-scales 0.5+1].");
        if (args.Positional.Count > 2) throw new CliUsageException("`likeness detect` takes one image path.");
        var imagePath = args.Positional[1];
        var image = ImageFile.Decode(imagePath);

        using var runtime = OnnxRuntime.Load(new OnnxRuntimeOptions { SearchPaths = [assets.OnnxRuntimeLibrary()] });
        using var analyzer = FaceAnalyzer.OpenDefault(runtime, assets, detectorScales);
        var faces = analyzer.Analyze(image, attributes);

        if (json) stdout.WriteLine(Encoding.UTF8.GetString(FaceDetailJson.DetectFacesResponse(faces)));
        else WriteTable(stdout, imagePath, image, faces);

        if (outPath is not null)
        {
            // Numbered from 1 as in the table, so the picture and the text can be read together.
            var boxes = faces.Select((f, i) => new AnnotationBox(
                (float)(f.BoundingBox.Left * image.Width), (float)(f.BoundingBox.Top * image.Height),
                (float)(f.BoundingBox.Width * image.Width), (float)(f.BoundingBox.Height * image.Height),
                i + 1, f.Landmarks.Select(l => ((float)(l.X * image.Width), (float)(l.Y * image.Height))).ToList())).ToList();
            // Encoded whole before the file is opened, so a failure never leaves half a PNG behind.
            File.WriteAllBytes(outPath, PngEncoder.Encode(ImageAnnotator.Draw(image, boxes, AnnotationColor.Green)));
            // With --json, stdout stays pure JSON.
            (json ? stderr : stdout).WriteLine($"wrote {Path.GetFullPath(outPath)}");
        }
        return 0;
    }

    private static FaceAnalysisAttributes ParseAttributes(string? value) => value?.ToUpperInvariant() switch
    {
        null or "DEFAULT" => FaceAnalysisAttributes.Default,
        "ALL" => FaceAnalysisAttributes.All,
        _ => throw new CliUsageException($"--attributes takes default or all, not '{value}'."),
    };

    private static void WriteTable(TextWriter stdout, string imagePath, DecodedImage image, IReadOnlyList<FaceDetail> faces)
    {
        stdout.WriteLine($"{imagePath}: {image.Width}x{image.Height}, {faces.Count} face(s), largest first");
        if (faces.Count == 0) return;
        stdout.WriteLine(" #   left    top  width height  conf   roll    yaw  pitch  bright  sharp");
        foreach (var (face, i) in faces.Select((f, i) => (f, i + 1)))
        {
            var b = face.BoundingBox;
            stdout.WriteLine($"{i,2} {b.Left * image.Width,6:F0} {b.Top * image.Height,6:F0} {b.Width * image.Width,6:F0} {b.Height * image.Height,6:F0} {face.Confidence,5:F1} {face.Pose.Roll,6:F1} {face.Pose.Yaw,6:F1} {face.Pose.Pitch,6:F1} {face.Quality.Brightness,7:F1} {face.Quality.Sharpness,6:F1}");
            if (face.Attributes is { } a)
            {
                var top = a.Emotions[0];
                stdout.WriteLine($"   age {a.AgeRange.Low}-{a.AgeRange.High}, {a.Gender.Value} ({a.Gender.Confidence:F0}%), {top.Type} ({top.Confidence:F0}%), " +
                    $"smile {YesNo(a.Smile.Value)} ({a.Smile.Confidence:F0}%), eyes open {YesNo(a.EyesOpen.Value)} ({a.EyesOpen.Confidence:F0}%), mouth open {YesNo(a.MouthOpen.Value)} ({a.MouthOpen.Confidence:F0}%)");
            }
        }
        stdout.WriteLine("Box in pixels, confidence 0-100, pose in degrees, quality 0-100 (docs/ATTRIBUTES.md defines each).");
    }

    private static string YesNo(bool value) => value ? "yes" : "no";
}
