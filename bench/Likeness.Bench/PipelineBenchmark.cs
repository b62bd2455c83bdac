using Likeness.Imaging;
using Likeness.Models.Assets;
using Likeness.Vision.Faces.Analysis;
using Likeness.Vision.Faces.Detection;
using Likeness.Vision.Faces.Embedding;
using Likeness.Vision.Faces.Landmarks;
using Likeness.Vision.Onnx;

namespace Likeness.Bench;

/// <summary>Times Likeness's whole face pipeline on face-api's six sample photos, in one configuration of threads and callers.</summary>
/// <remarks>
/// <para>The workloads, each over the same photos:</para>
/// <list type="bullet">
/// <item>DetectFaces with DEFAULT attributes, as the server answers it: <c>FaceAnalyzer.OpenDefault</c> then
/// <c>Analyze</c> on a decoded photo, and again from the JPEG bytes (libjpeg-turbo decode included).</item>
/// <item>Detect + embed every face: the default <see cref="FaceLocator"/> (BlazeFace pyramid, face-api's landmark
/// net) then <see cref="FaceEmbedderSpec.Default"/> on the faces it keeps, in one batch as IndexFaces runs them. This is
/// the work the peers' bench.mjs times (detector, landmarks, a descriptor per face), so it is the row compared with them.</item>
/// <item>The detector alone (the locator's detector at its confidence), to show where detect + embed spends its time.</item>
/// <item>Embedding only: the default embedder's crop and network on faces located beforehand; one item is one face.</item>
/// </list>
/// <para>The locator and embedder are opened as the CLI's compare verb opens them; DetectFaces gets its own
/// sessions from <c>OpenDefault</c>, as the server's would. Photos are read and decoded once, before any timing.</para>
/// </remarks>
public static class PipelineBenchmark
{
    /// <summary>The photos the pipeline runs on: <see cref="DecodingBenchmark.SamplePhotos"/>, the ones the peers' README measured.</summary>
    public static IReadOnlyList<PipelineImage> Images(InstalledAssets assets) =>
        [.. DecodingBenchmark.SamplePhotos(assets).Select(p => new PipelineImage(p, new FileInfo(p).Length))];

    /// <summary>
    /// One caller at each of <paramref name="options"/>' thread counts, then two callers at one intra-op
    /// thread each; the peers' matching bench.mjs configurations are "default" (1 wasm thread), "t2" and "procs2".
    /// </summary>
    public static IReadOnlyList<PipelineRow> Rows(BenchOptions options) =>
        [.. options.Threads.Select(t => new PipelineRow(t, 1, t switch { 1 => "default", 2 => "t2", _ => null })), new PipelineRow(1, 2, "procs2")];

    /// <summary>Measures every workload of <paramref name="row"/>; a missing model or a failure marks the row and returns false.</summary>
    public static bool Measure(InstalledAssets assets, PipelineRow row, IReadOnlyList<PipelineImage> images, BenchOptions options, ProgressLine progress, out string? runtimeVersion)
    {
        runtimeVersion = null;
        var label = $"[pipeline {row.Name}]";
        try
        {
            using var runtime = OnnxRuntime.Load(new OnnxRuntimeOptions { SearchPaths = [assets.OnnxRuntimeLibrary()], IntraOpThreads = row.Threads });
            runtimeVersion = $"{runtime.Version} ({runtime.LibraryPath})";
            using var analyzer = FaceAnalyzer.OpenDefault(runtime, assets);
            using var sessions = new OnnxSessionSet(runtime, assets);
            // FaceLocator.Default's detector, held here to time it alone.
            var detector = BlazeFacePyramidDetector.OpenDefault(sessions.Open, assets, BlazeFacePyramidDetector.DefaultScales);
            var locator = new FaceLocator(detector, new FaceApiLandmarkDetector(sessions.Open("faceapi-landmark68")));
            var embedder = new OnnxFaceEmbedder(sessions.Open(FaceEmbedderSpec.Default.ModelName), FaceEmbedderSpec.Default);

            var decoder = new ImageDecoder(ImageLimits.Rekognition);
            var bytes = images.Select(i => File.ReadAllBytes(i.Path)).ToList();
            var decoded = bytes.Select(b => decoder.Decode(b)).ToList();
            var located = decoded.Select(locator.Locate).ToList();
            foreach (var (image, index) in images.Select((image, index) => (image, index)))
            {
                (image.Width, image.Height) = (decoded[index].Width, decoded[index].Height);
                image.LikenessFaces = analyzer.Analyze(decoded[index], FaceAnalysisAttributes.Default).Count;
            }
            var faces = decoded.Zip(located).SelectMany(p => p.Second.Select(face => (Image: p.First, face.Landmarks))).ToList();
            (row.ImagesPerPass, row.FacesPerPass) = (images.Count, faces.Count);

            PipelineMeasurement Time(string what, IEnumerable<Action> items) =>
                ThroughputHarness.Measure($"{label} {what}", row.Callers, options.PipelineWarmup, options.Passes, [.. items], progress);

            row.DetectFaces = Time("DetectFaces", decoded.Select(image => (Action)(() => analyzer.Analyze(image, FaceAnalysisAttributes.Default))));
            row.DetectFacesWithDecode = Time("decode + DetectFaces", bytes.Select(jpeg => (Action)(() => analyzer.Analyze(decoder.Decode(jpeg), FaceAnalysisAttributes.Default))));
            row.DetectAndEmbed = Time("detect + embed", decoded.Select(image => (Action)(() =>
            {
                embedder.EmbedAll(image, locator.Locate(image).Select(face => face.Landmarks).ToList());
            })));
            row.DetectOnly = Time("detector only", decoded.Select(image => (Action)(() => detector.Detect(image, FaceLocator.DefaultMinConfidence))));
            row.EmbedOnly = faces.Count == 0 ? null : Time("embed only (per face)", faces.Select(face => (Action)(() => embedder.Embed(face.Image, face.Landmarks))));
            row.Note = null;
            return true;
        }
        catch (Exception e) when (e is AssetException or OnnxRuntimeException or ImageDecodingException)
        {
            row.Note = e.Message;
            progress.Done($"{label}: failed: {e.Message}");
            return false;
        }
    }
}
