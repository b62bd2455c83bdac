using Likeness.Imaging;
using Likeness.Models.Catalog;
using Likeness.Vision.Faces.Detection;
using Likeness.Vision.Faces.Landmarks;
using Likeness.Vision.Onnx;

namespace Likeness.Vision.Tests.Faces;

/// <summary>face-api's sample1.jpg (three people, pinned by SHA-256), its BlazeFace boxes and the faces' landmarks, computed once.</summary>
public static class FaceSamples
{
    private static readonly Lazy<(DecodedImage Image, IReadOnlyList<DetectedFace> Faces, IReadOnlyList<FaceLandmarks68> Landmarks)> Sample1Lazy = new(() =>
    {
        var image = new ImageDecoder().Decode(File.ReadAllBytes(TestOnnxRuntime.Assets.PackageFile(ModelCatalog.FaceApi, "demo/sample1.jpg")));
        var runtime = TestOnnxRuntime.Load();
        using var detector = runtime.OpenSession(TestOnnxRuntime.Assets.Model("blazeface"));
        using var landmarkSession = runtime.OpenSession(TestOnnxRuntime.Assets.Model("faceapi-landmark68"));
        var faces = new BlazeFaceDetector(detector).Detect(image);
        var landmarks = new FaceApiLandmarkDetector(landmarkSession);
        // Roll from BlazeFace's eye keypoints, then one refinement on the landmarks' own box, as the pipeline does.
        return (image, faces, faces.Select(f => landmarks.Refine(image, landmarks.Detect(image, f.Left, f.Top, f.Width, f.Height,
            Math.Atan2(f.Keypoints[1].Y - f.Keypoints[0].Y, f.Keypoints[1].X - f.Keypoints[0].X)))).ToList());
    });

    public static DecodedImage Sample1 => Sample1Lazy.Value.Image;

    public static IReadOnlyList<DetectedFace> Sample1Faces => Sample1Lazy.Value.Faces;

    public static IReadOnlyList<FaceLandmarks68> Sample1Landmarks => Sample1Lazy.Value.Landmarks;

    public static OnnxSession OpenSession(string model) => TestOnnxRuntime.Load().OpenSession(TestOnnxRuntime.Assets.Model(model));

    /// <summary>Box-filter downscale by an integer factor.</summary>
    public static DecodedImage Shrink(DecodedImage image, int factor)
    {
        var (w, h) = (image.Width / factor, image.Height / factor);
        var pixels = new byte[w * h * 3];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    var sum = 0;
                    for (var dy = 0; dy < factor; dy++)
                    {
                        for (var dx = 0; dx < factor; dx++) sum += image.Pixels[((y * factor + dy) * image.Width + x * factor + dx) * 3 + c];
                    }
                    pixels[(y * w + x) * 3 + c] = (byte)(sum / (factor * factor));
                }
            }
        }
        return new DecodedImage(w, h, pixels);
    }
}
