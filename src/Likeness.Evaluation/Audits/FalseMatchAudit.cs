using Likeness.Collections;
using Likeness.Evaluation.Statistics;
using Likeness.Vectors;
using Likeness.Vision.Faces.Embedding;

namespace Likeness.Evaluation.Audits;

/// <summary>
/// The ACLU's 2018 experiment on any data: index a gallery in the product's own vector index, search it
/// with every probe as SearchFacesByImage does (exact scan, the collection's distance-to-Similarity
/// mapping), and count the probes matched to someone else at each threshold, beside the count the
/// calibration predicts. A match is false when the gallery face's identity differs from the probe's
/// (no identity on either side: a different person).
/// </summary>
public static class FalseMatchAudit
{
    /// <summary>How many false matches the report lists.</summary>
    public const int ExampleCount = 20;

    /// <summary>Runs the search; the index lives in a temporary folder removed afterwards.</summary>
    public static FalseMatchAuditResult Run(
        AuditSubjectSet probes, IReadOnlyList<FaceEmbedding?> probeEmbeddings,
        AuditSubjectSet gallery, IReadOnlyList<FaceEmbedding?> galleryEmbeddings,
        FaceModel model, IReadOnlyList<double> thresholds, TextWriter progress)
    {
        ArgumentNullException.ThrowIfNull(probes);
        ArgumentNullException.ThrowIfNull(gallery);
        ArgumentNullException.ThrowIfNull(model);
        if (probeEmbeddings.Count != probes.Subjects.Count || galleryEmbeddings.Count != gallery.Subjects.Count) throw new ArgumentException("One embedding (or null) per subject is needed.");
        var sorted = thresholds.Distinct().Order().ToList();
        if (sorted.Count == 0) throw new ArgumentException("At least one threshold is needed.", nameof(thresholds));
        var fmr = sorted.Select(model.Calibration.EstimatedFalseMatchRate).ToList();

        var galleryFaces = Enumerable.Range(0, gallery.Subjects.Count).Where(i => galleryEmbeddings[i] is not null).ToList();
        var galleryIdentityCount = galleryFaces.Where(i => gallery.Subjects[i].Identity is not null)
            .GroupBy(i => gallery.Subjects[i].Identity!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        var directory = Path.Combine(Path.GetTempPath(), "likeness-audit-index-" + Guid.NewGuid().ToString("N"));
        var perProbe = new List<(int Subject, int Comparisons, int[] FalseAt, int[] TrueAt)>();
        var examples = new List<FalseMatchExample>();
        try
        {
            var dimension = galleryFaces.Count > 0 ? galleryEmbeddings[galleryFaces[0]]!.Dimension : 0;
            using var index = dimension == 0 ? null : VectorIndex.Create(directory, dimension);
            foreach (var i in galleryFaces) index!.Add(i, galleryEmbeddings[i]!.Vector);

            var bar = new ProgressLine(progress, "searching gallery", probes.Subjects.Count, "probes");
            for (var p = 0; p < probes.Subjects.Count; p++)
            {
                bar.Report(p);
                if (probeEmbeddings[p] is not { } query) continue;
                var identity = probes.Subjects[p].Identity;
                var mated = identity is not null ? galleryIdentityCount.GetValueOrDefault(identity) : 0;
                var falseAt = new int[sorted.Count];
                var trueAt = new int[sorted.Count];
                foreach (var (key, similarity) in Matches(index, model, query, sorted[0]))
                {
                    var candidate = gallery.Subjects[(int)key];
                    var isTrue = identity is not null && candidate.Identity == identity;
                    for (var t = 0; t < sorted.Count; t++)
                    {
                        if (similarity < sorted[t]) break;
                        if (isTrue) trueAt[t]++;
                        else falseAt[t]++;
                    }
                    if (!isTrue) examples.Add(new FalseMatchExample(probes.Subjects[p].Path, candidate.Path, similarity));
                }
                perProbe.Add((p, galleryFaces.Count - mated, falseAt, trueAt));
            }
            bar.Report(probes.Subjects.Count);
        }
        finally
        {
            VectorIndex.Delete(directory);
        }

        var groups = new List<FalseMatchGroup> { Group("all", "all probes", perProbe, sorted, fmr) };
        foreach (var dim in probes.Dimensions)
        {
            foreach (var value in perProbe.Select(x => probes.Subjects[x.Subject].Labels.GetValueOrDefault(dim)).OfType<string>().Distinct().Order(StringComparer.Ordinal))
            {
                groups.Add(Group(dim, value, perProbe.Where(x => probes.Subjects[x.Subject].Labels.GetValueOrDefault(dim) == value).ToList(), sorted, fmr));
            }
        }
        return new FalseMatchAuditResult
        {
            ModelId = model.EmbedderModelId,
            ProbeSource = probes.Source,
            GallerySource = gallery.Source,
            ProbeImages = probes.Subjects.Count,
            ProbesWithoutFace = probes.Subjects.Count - perProbe.Count,
            GalleryImages = gallery.Subjects.Count,
            GalleryFaces = galleryFaces.Count,
            Thresholds = sorted,
            CalibratedFalseMatchRates = fmr,
            Groups = groups,
            Examples = examples.OrderByDescending(e => e.Similarity).Take(ExampleCount).ToList(),
        };
    }

    /// <summary>
    /// Every indexed face at or above <paramref name="threshold"/> Similarity to <paramref name="query"/>: asks the
    /// index for 64 and doubles while the last one still passes, as a collection search does.
    /// </summary>
    private static IEnumerable<(long Key, double Similarity)> Matches(VectorIndex? index, FaceModel model, FaceEmbedding query, double threshold)
    {
        if (index is null || index.Count == 0) return [];
        var k = Math.Min(64, index.Count);
        while (true)
        {
            var found = index.Search(query.Vector, k);
            var passing = found.Select(m => (m.Key, Similarity: model.Similarity(m.Distance))).Where(m => m.Similarity >= threshold).ToList();
            if (passing.Count < found.Count || k >= index.Count || k >= 4096) return passing;
            k = Math.Min(Math.Min(k * 2, 4096), index.Count);
        }
    }

    private static FalseMatchGroup Group(string dimension, string group, IReadOnlyList<(int Subject, int Comparisons, int[] FalseAt, int[] TrueAt)> probes, IReadOnlyList<double> thresholds, IReadOnlyList<double> fmr)
    {
        var counts = new List<FalseMatchCount>();
        for (var t = 0; t < thresholds.Count; t++)
        {
            var withFalse = probes.Count(p => p.FalseAt[t] > 0);
            long falseMatches = probes.Sum(p => (long)p.FalseAt[t]);
            long comparisons = probes.Sum(p => (long)p.Comparisons);
            var rate = fmr[t];
            counts.Add(new FalseMatchCount(thresholds[t], withFalse, ErrorRate.Of(withFalse, probes.Count), falseMatches, comparisons, ErrorRate.Of(falseMatches, comparisons),
                comparisons * rate, probes.Sum(p => 1 - Math.Pow(1 - rate, p.Comparisons)), probes.Sum(p => (long)p.TrueAt[t])));
        }
        return new FalseMatchGroup(dimension, group, probes.Count, counts);
    }
}
