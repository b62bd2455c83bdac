using Likeness.Imaging;
using Likeness.Models.Assets;
using Likeness.Models.Catalog;

namespace Likeness.Bench;

/// <summary>Times ImageDecoder.Decode (libjpeg-turbo, full size, EXIF orientation applied) on face-api's six sample photos.</summary>
/// <remarks>
/// One op is the whole public call on bytes already in memory: header checks against the limits, the
/// decode to RGB24 and the managed pixel array it returns. The peer times jpeg-js on the same bytes.
/// </remarks>
public static class DecodingBenchmark
{
    /// <summary>demo/sample1.jpg … sample6.jpg of the pinned @vladmandic/face-api package: group photos, 1920 px wide.</summary>
    public static IReadOnlyList<string> SamplePhotos(InstalledAssets assets) =>
        [.. Enumerable.Range(1, 6).Select(i => assets.PackageFile(ModelCatalog.FaceApi, $"demo/sample{i}.jpg"))];

    /// <summary>One row per <see cref="SamplePhotos"/>.</summary>
    public static IReadOnlyList<DecodingRow> Rows(InstalledAssets assets) =>
        [.. SamplePhotos(assets).Select(p => new DecodingRow(p, new FileInfo(p).Length))];

    /// <summary>Measures one photo; an image the decoder refuses is noted on the row and returns false.</summary>
    public static bool Measure(DecodingRow row, string label, BenchOptions options, ProgressLine progress)
    {
        var decoder = new ImageDecoder(ImageLimits.Rekognition);
        var bytes = File.ReadAllBytes(row.Path);
        try
        {
            var first = decoder.Decode(bytes);
            (row.Width, row.Height) = (first.Width, first.Height);
            row.Likeness = StopwatchHarness.Measure(label, options.Warmup, options.Reps, () => decoder.Decode(bytes), progress);
            return true;
        }
        catch (ImageDecodingException e)
        {
            row.Note = e.Message;
            progress.Done($"{label}: failed: {e.Message}");
            return false;
        }
    }
}
