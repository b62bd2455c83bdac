using System.Diagnostics;
using Likeness.Evaluation.Statistics;
using Likeness.Imaging;
using Likeness.Vision.Faces.Embedding;
using Likeness.Vision.Faces.Landmarks;

namespace Likeness.Evaluation.Verification;

/// <summary>
/// Runs LFW's verification protocol for several embedders over one pairs.txt: each image is decoded,
/// located and embedded once per embedder (combinations reuse their parts' embeddings), each pair is
/// scored, and the k-fold protocol and ROC points are computed. Progress goes to <paramref name="progress"/>.
/// </summary>
public sealed class LfwVerificationEvaluator(CentralFaceLocator locator, TextWriter progress)
{
    private readonly Dictionary<string, FaceLandmarks68?> _landmarks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Dictionary<string, FaceEmbedding?> Embeddings, double MedianMs)> _embeddings = new(StringComparer.Ordinal);

    /// <summary>Evaluates each embedder in turn on the pairs of the LFW folder <paramref name="lfwDirectory"/>, yielding each result as it is ready.</summary>
    public IEnumerable<VerificationModelResult> Run(string lfwDirectory, IReadOnlyList<IFaceEmbedder> embedders) =>
        Run(Path.Combine(lfwDirectory, "pairs.txt"), Path.Combine(lfwDirectory, "images"), embedders);

    /// <summary>
    /// Evaluates each embedder on the pairs of an LFW-format pairs file whose images lie under
    /// <paramref name="imagesDirectory"/> as `Name/Name_0001.jpg`, yielding each result as it is ready.
    /// </summary>
    public IEnumerable<VerificationModelResult> Run(string pairsPath, string imagesDirectory, IReadOnlyList<IFaceEmbedder> embedders)
    {
        ArgumentNullException.ThrowIfNull(embedders);
        var pairs = LfwPairsFile.Read(pairsPath);
        var images = pairs.SelectMany(p => new[] { (p.NameA, p.NumberA), (p.NameB, p.NumberB) }).Distinct().ToList();
        var decoder = new ImageDecoder();
        DecodedImage Load((string Name, int Number) image) => decoder.Decode(File.ReadAllBytes(Path.Combine(imagesDirectory, image.Name, $"{image.Name}_{image.Number:D4}.jpg")));

        var toLocate = images.Where(i => !_landmarks.ContainsKey(Key(i))).ToList();
        var locating = new Audits.ProgressLine(progress, "locating faces", toLocate.Count);
        for (var n = 0; n < toLocate.Count; n++)
        {
            _landmarks[Key(toLocate[n])] = locator.Locate(Load(toLocate[n]));
            locating.Report(n + 1);
        }

        foreach (var embedder in embedders)
        {
            var (embeddings, medianMs) = Embeddings(embedder, images, Load);
            var scores = pairs.Select(p => Score(embeddings[Key((p.NameA, p.NumberA))], embeddings[Key((p.NameB, p.NumberB))])).ToList();
            var same = pairs.Select(p => p.IsSame).ToList();
            var kfold = KFoldVerification.Evaluate(scores, same, pairs.Select(p => p.Fold).ToList());
            var roc = RocCurve.Points(scores, same, RocCurve.ReportedFars);
            var genuineScores = scores.Where((_, i) => same[i]).Order().ToList();
            var impostorScores = scores.Where((_, i) => !same[i]).Order().ToList();
            var missingImages = images.Count(i => _landmarks[Key(i)] is null);
            var missingPairs = pairs.Count(p => _landmarks[Key((p.NameA, p.NumberA))] is null || _landmarks[Key((p.NameB, p.NumberB))] is null);
            var dimension = embeddings.Values.FirstOrDefault(e => e is not null)?.Dimension ?? 0;
            yield return new VerificationModelResult(embedder.ModelId, dimension, kfold, roc, missingImages, missingPairs, medianMs, DetCurve.Points(genuineScores, impostorScores));
        }
    }

    private (Dictionary<string, FaceEmbedding?> Embeddings, double MedianMs) Embeddings(
        IFaceEmbedder embedder, List<(string Name, int Number)> images, Func<(string, int), DecodedImage> load)
    {
        if (_embeddings.TryGetValue(embedder.ModelId, out var cached) && images.All(i => cached.Embeddings.ContainsKey(Key(i)))) return cached;
        if (embedder is CombinedFaceEmbedder combined)
        {
            var parts = combined.Parts.Select(p => Embeddings(p, images, load)).ToList();
            var joined = images.ToDictionary(Key, i =>
                parts.Any(p => p.Embeddings[Key(i)] is null) ? null : combined.Combine(parts.Select(p => p.Embeddings[Key(i)]!).ToList()), StringComparer.Ordinal);
            return _embeddings[embedder.ModelId] = (joined, parts.Sum(p => p.MedianMs));
        }

        var result = new Dictionary<string, FaceEmbedding?>(StringComparer.Ordinal);
        var times = new List<double>();
        var bar = new Audits.ProgressLine(progress, embedder.ModelId, images.Count);
        for (var n = 0; n < images.Count; n++)
        {
            var key = Key(images[n]);
            var landmarks = _landmarks[key];
            if (landmarks is null)
            {
                result[key] = null;
            }
            else
            {
                var image = load(images[n]);
                var clock = Stopwatch.StartNew();
                result[key] = embedder.Embed(image, landmarks);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            bar.Report(n + 1);
        }
        times.Sort();
        return _embeddings[embedder.ModelId] = (result, times.Count == 0 ? 0 : times[times.Count / 2]);
    }

    private static double Score(FaceEmbedding? a, FaceEmbedding? b) =>
        a is null || b is null ? double.NegativeInfinity : FaceSimilarity.Compare(a, b);

    private static string Key((string Name, int Number) image) => $"{image.Name}/{image.Number}";
}
