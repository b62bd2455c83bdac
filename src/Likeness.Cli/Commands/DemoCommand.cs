using System.Diagnostics;
using Likeness.Imaging;
using Likeness.Imaging.Annotation;
using Likeness.Imaging.Png;
using Likeness.Models.Assets;
using Likeness.Models.Catalog;
using Likeness.Vision.Faces.Detection;
using Likeness.Vision.Onnx;

namespace Likeness.Cli.Commands;

/// <summary>
/// `likeness demo [IMAGE] [--out FILE.png]`: decode a photo, run BlazeFace through ONNX Runtime, print
/// the faces, and with --out write the photo with each face's box, number and keypoints drawn on it.
/// </summary>
public static class DemoCommand
{
    /// <summary>A group photo that the pinned @vladmandic/face-api package ships.</summary>
    public const string SamplePhoto = "demo/sample1.jpg";

    public static int Run(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var assets = InstalledAssets.Default(args.Option("cache-dir"));
        var outPath = args.Option("out");
        args.RejectUnknownOptions();

        // Checked before the slow part, so a wrong name costs nothing; the file itself is written last.
        if (outPath is not null && !outPath.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            throw new CliUsageException($"--out writes a PNG; give a path ending in .png, not '{outPath}'.");
        }

        var imagePath = args.Positional.Count > 1 ? args.Positional[1] : assets.PackageFile(ModelCatalog.FaceApi, SamplePhoto);
        if (args.Positional.Count > 2) throw new CliUsageException("`likeness demo` takes at most one image path.");
        var bytes = ImageFile.Read(imagePath);

        var clock = Stopwatch.StartNew();
        var image = new ImageDecoder(ImageLimits.Rekognition).Decode(bytes);
        var decodeMs = clock.Elapsed.TotalMilliseconds;

        using var runtime = OnnxRuntime.Load(new OnnxRuntimeOptions { SearchPaths = [assets.OnnxRuntimeLibrary()] });
        using var session = runtime.OpenSession(assets.Model("blazeface"));
        var detector = new BlazeFaceDetector(session);
        detector.Detect(image); // warm-up: the first run allocates ORT's buffers
        clock.Restart();
        var faces = detector.Detect(image);
        var detectMs = clock.Elapsed.TotalMilliseconds;

        stdout.WriteLine($"{imagePath}: {image.Width}x{image.Height}, decoded in {decodeMs:F1} ms (first call, includes loading libjpeg-turbo)");
        stdout.WriteLine($"ONNX Runtime {runtime.Version} ({runtime.LibraryPath})");
        stdout.WriteLine($"blazeface found {faces.Count} face(s) in {detectMs:F1} ms:");
        foreach (var (face, i) in faces.Select((f, i) => (f, i + 1)))
        {
            stdout.WriteLine($"  {i,2}. box left={face.Left,6:F0} top={face.Top,6:F0} width={face.Width,5:F0} height={face.Height,5:F0}  confidence {face.Confidence * 100,5:F1}");
        }

        if (outPath is not null)
        {
            // Numbered from 1 as in the list above, so the picture and the text can be read together.
            var boxes = faces.Select((f, i) => new AnnotationBox(f.Left, f.Top, f.Width, f.Height, i + 1, f.Keypoints)).ToList();
            var annotated = ImageAnnotator.Draw(image, boxes, AnnotationColor.Green);

            // Encoded whole before the file is opened, so a failure never leaves half a PNG behind.
            File.WriteAllBytes(outPath, PngEncoder.Encode(annotated));
            stdout.WriteLine($"wrote {Path.GetFullPath(outPath)}");
        }
        return 0;
    }
}
