using System.Diagnostics;
using System.Text;
using Likeness.Vectors;

namespace Likeness.Bench.Vectors;

/// <summary>
/// The index on real face embeddings (<see cref="RealFaceSet"/>): how their distances compare with the
/// synthetic "identities" generator, and recall and latency of the exact scan and of the inverted lists
/// forced on, on the real vectors alone and mixed into a large gallery of synthetic distractors.
/// Queries are one LFW image of every identity with two or more images; that identity's other images
/// stay in the gallery, so "same person at rank 1" is an identification rate as well as a recall.
/// </summary>
internal static class RealBench
{
    public static string Run(RealFaceSet faces, BenchArguments arguments)
    {
        var text = new StringBuilder();
        int lfwKept = faces.IsLfw.Count(x => x), utkKept = faces.Count - lfwKept;
        text.AppendLine($"### Real embeddings: {faces.Count:N0} faces of lfw-dev + utkface-dev, `{faces.ModelId}`, {faces.Dimension}-d");
        text.AppendLine();
        text.AppendLine($"Embedded with `FacePipeline.OpenDefault` (Detect, then Embed of the largest face): lfw-dev {lfwKept:N0} of {faces.LfwImages:N0} images ({faces.LfwSkipped} without a face), utkface-dev {utkKept:N0} of {faces.UtkImages:N0} ({faces.UtkSkipped} without a face; {faces.UtkPadded} found only after padding the tight chip to twice its size). Embedding took {faces.EmbedTime.TotalSeconds:F0} s on {Environment.ProcessorCount} cores{(faces.FromCache ? " (this run read the cached vectors)" : "")}.");
        text.AppendLine();

        var (queries, gallery) = Split(faces);
        var realStats = DistanceStatistics.Of("real (LFW identities; UTKFace all distinct)", faces.Vectors, faces.Labels, faces.Dimension, seed: 5);
        var fitted = FittedIdentities.Fit(faces, realStats);
        int perIdentity = arguments.PerIdentity;
        var isotropic = SyntheticSets.Identities(10_000, 0, faces.Dimension, perIdentity, 2);
        var fittedSample = fitted.Generate(10_000, perIdentity, seed: 9);
        text.Append(DistanceStatistics.Table([
            realStats,
            DistanceStatistics.Of($"synthetic identities ×{perIdentity} (bench generator: isotropic, centred at 0)", isotropic.Gallery, IdentityLabels(10_000, perIdentity), faces.Dimension, seed: 6),
            DistanceStatistics.Of($"fitted identities ×{perIdentity} (real mean and covariance; the distractors below)", fittedSample, IdentityLabels(10_000, perIdentity), faces.Dimension, seed: 7),
        ]));
        text.AppendLine();

        var queryRows = Rows(faces, queries);
        string[] queryLabels = queries.Select(i => faces.Labels[i]).ToArray();

        // 1. The real vectors alone, lists forced on (ApproximateAbove 0) and small enough to give ~40 lists.
        var realOnly = new VectorSet("real", faces.Dimension, Rows(faces, gallery), queryRows);
        string[] realOnlyLabels = gallery.Select(i => faces.Labels[i]).ToArray();
        text.Append(Measure(realOnly, key => realOnlyLabels[key], queryLabels, new VectorIndexOptions { ApproximateAbove = 0, MaxListSize = arguments.RealListSize }, arguments.RealProbes, arguments,
            $"#### Real only: {realOnly.Count:N0} gallery faces, {realOnly.QueryCount} LFW queries"));

        // 2. Index scale: the same real gallery spread through synthetic distractors fitted to the real vectors.
        if (arguments.RealGallery > realOnly.Count)
        {
            int size = arguments.RealGallery, stride = size / realOnly.Count;
            var mixed = new float[(long)size * faces.Dimension];
            var distractors = fitted.Generate(size - realOnly.Count, perIdentity, seed: 11);
            var labelOf = new Dictionary<long, string>();
            int nextReal = 0, nextDistractor = 0;
            for (int i = 0; i < size; i++)
            {
                var into = mixed.AsSpan(i * faces.Dimension, faces.Dimension);
                if (nextReal < realOnly.Count && i % stride == 0)
                {
                    realOnly.Row(nextReal).CopyTo(into);
                    labelOf[i] = realOnlyLabels[nextReal++];
                }
                else
                {
                    distractors.AsSpan(nextDistractor++ * faces.Dimension, faces.Dimension).CopyTo(into);
                }
            }
            var set = new VectorSet("real + fitted distractors", faces.Dimension, mixed, queryRows);
            text.Append(Measure(set, key => labelOf.GetValueOrDefault(key, "distractor"), queryLabels, new VectorIndexOptions { ApproximateAbove = 0 }, [new VectorIndexOptions().Probes, .. arguments.ProbeSweep], arguments,
                $"#### Real + synthetic distractors: {size:N0} gallery faces ({realOnly.Count:N0} real, {size - realOnly.Count:N0} fitted synthetic), {set.QueryCount} LFW queries"));
        }
        return text.ToString();
    }

    /// <summary>Queries: the first image (file order) of every LFW identity with two or more; gallery: every other face.</summary>
    private static (int[] Queries, int[] Gallery) Split(RealFaceSet faces)
    {
        var queries = Enumerable.Range(0, faces.Count).Where(i => faces.IsLfw[i])
            .GroupBy(i => faces.Labels[i]).Where(g => g.Count() >= 2).Select(g => g.Min()).ToHashSet();
        return (queries.Order().ToArray(), Enumerable.Range(0, faces.Count).Where(i => !queries.Contains(i)).ToArray());
    }

    private static float[] Rows(RealFaceSet faces, int[] indices)
    {
        var rows = new float[indices.Length * faces.Dimension];
        for (int r = 0; r < indices.Length; r++) faces.Row(indices[r]).CopyTo(rows.AsSpan(r * faces.Dimension));
        return rows;
    }

    private static string[] IdentityLabels(int count, int perIdentity) => Enumerable.Range(0, count).Select(i => (i / perIdentity).ToString()).ToArray();

    private static string Measure(VectorSet set, Func<long, string> labelOf, string[] queryLabels, VectorIndexOptions options, IEnumerable<int> probeSweep, BenchArguments arguments, string title)
    {
        string label = $"{set.Name} {set.Count:N0}";
        string directory = Path.Combine(arguments.WorkDirectory, $"real-{set.Count}");
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        var text = new StringBuilder();
        text.AppendLine(title);
        text.AppendLine();

        var build = Stopwatch.StartNew();
        using var index = VectorIndex.Create(directory, set.Dimension, options);
        for (int i = 0; i < set.Count; i++)
        {
            index.Add(i, set.Row(i));
            if (i % 10_000 == 0) Progress($"{label}: adding {i:N0}/{set.Count:N0}");
        }
        build.Stop();
        var truth = GroundTruth.Compute(set, 100, n => { if (n % 20 == 0) Progress($"{label}: ground truth {n}/{set.QueryCount}"); });

        text.AppendLine($"Options: ApproximateAbove {options.ApproximateAbove} (lists always on), MaxListSize {options.MaxListSize}: {index.ListCount} lists; build (Create + {set.Count:N0} Add) {build.Elapsed.TotalSeconds:F1} s. Latencies in ms, one thread; throughput: 2 threads, k = 10. Recall against exact float brute force; \"same person at rank 1\": the top match is another image of the query's LFW identity (exact float: {SamePerson(truth, labelOf, queryLabels):F4}).");
        text.AppendLine();
        text.AppendLine("| mode | p50 top-1 | p99 top-1 | p50 top-10 | p99 top-10 | p50 top-100 | q/s, 2 threads | recall@1 | recall@10 | recall@100 | same person at rank 1 |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var modes = new List<(string Mode, int Probes)> { ("exact int8 scan (every list)", int.MaxValue) };
        modes.AddRange(probeSweep.Distinct().Where(p => p < index.ListCount).Order().Select(p => ($"approximate, {p} of {index.ListCount} lists", p)));
        foreach (var (mode, probes) in modes)
        {
            Progress($"{label}: {mode}");
            var row = SearchMeasurement.Measure(index, set, truth, mode, probes, full: true);
            var top1 = Enumerable.Range(0, set.QueryCount).Select(q => index.Search(set.Query(q), 1, probes)[0].Key).ToArray();
            double same = top1.Select((key, q) => labelOf(key) == queryLabels[q] ? 1.0 : 0.0).Average();
            text.AppendLine($"| {row.Mode} | {row.P50Top1:F2} | {row.P99Top1:F2} | {row.P50Top10:F2} | {row.P99Top10:F2} | {row.P50Top100:F2} | {row.Throughput2:F0} | {row.Recall1:F4} | {row.Recall10:F4} | {row.Recall100:F4} | {same:F4} |");
        }
        text.AppendLine();
        index.Dispose();
        Directory.Delete(directory, recursive: true);
        Progress($"{label}: done");
        Console.Error.WriteLine();
        return text.ToString();
    }

    private static double SamePerson(long[][] truth, Func<long, string> labelOf, string[] queryLabels) =>
        truth.Select((row, q) => labelOf(row[0]) == queryLabels[q] ? 1.0 : 0.0).Average();

    private static void Progress(string line) => Console.Error.Write($"\r[vectors] {line,-70}");
}
