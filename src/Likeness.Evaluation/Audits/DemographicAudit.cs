using Likeness.Evaluation.Calibration;
using Likeness.Evaluation.Statistics;
using Likeness.Vision.Faces.Embedding;
using Likeness.Vision.Faces.Similarity;

namespace Likeness.Evaluation.Audits;

/// <summary>
/// Scores every pair of audit faces once and counts, per demographic group, the impostor pairs that reach
/// each threshold (false matches) and the mated pairs that miss it (false non-matches). Groups are each
/// label dimension's values and, with two or more dimensions, the first two crossed (e.g. race × gender,
/// Gender Shades' cells). A pair is in a group when both faces are: the FMR a group's members see among
/// themselves, which is where demographic differentials show (NIST FRVT part 3, Grother et al. 2019).
/// </summary>
public static class DemographicAudit
{
    /// <summary>Bins of the score histograms.</summary>
    public const int HistogramBins = 50;

    /// <summary>Similarity thresholds the report's FMR curves are drawn at: 40, 42, ... 100.</summary>
    public static IReadOnlyList<double> CurveSimilarities { get; } = Enumerable.Range(0, 31).Select(i => 40.0 + 2 * i).ToList();

    /// <summary>Measures <paramref name="set"/>'s faces (one embedding per subject, null where none was found) at <paramref name="thresholds"/>.</summary>
    public static DemographicAuditResult Run(AuditSubjectSet set, IReadOnlyList<FaceEmbedding?> embeddings, SimilarityCalibration calibration, IReadOnlyList<double> thresholds)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(calibration);
        if (embeddings.Count != set.Subjects.Count) throw new ArgumentException("One embedding (or null) per subject is needed.", nameof(embeddings));
        var sortedThresholds = thresholds.Distinct().Order().ToList();
        if (sortedThresholds.Count == 0) throw new ArgumentException("At least one threshold is needed.", nameof(thresholds));
        var raw = sortedThresholds.Select(calibration.RawScore).ToArray();

        var faces = Enumerable.Range(0, set.Subjects.Count).Where(i => embeddings[i] is not null).ToList();
        var dimensions = Dimensions(set);
        // Per dimension: each face's group index (-1 unlabelled) and the group names.
        var groupNames = new List<string>[dimensions.Count];
        var groupOf = new int[dimensions.Count][];
        for (var d = 0; d < dimensions.Count; d++)
        {
            var labels = faces.Select(i => dimensions[d].Label(set.Subjects[i])).ToList();
            groupNames[d] = labels.OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
            var names = groupNames[d];
            groupOf[d] = labels.Select(l => l is null ? -1 : names.IndexOf(l)).ToArray();
        }

        var levels = raw.Length + 1;
        var impostorLevels = new long[levels];
        var matedLevels = new long[levels];
        var cells = new long[dimensions.Count][,,];
        var matedCells = new long[dimensions.Count][,];
        var impostorScores = new List<float>[dimensions.Count][];
        var genuineScores = new List<float>[dimensions.Count][];
        for (var d = 0; d < dimensions.Count; d++)
        {
            var g = groupNames[d].Count;
            cells[d] = new long[g, g, levels];
            matedCells[d] = new long[g, levels];
            impostorScores[d] = Enumerable.Range(0, g).Select(_ => new List<float>()).ToArray();
            genuineScores[d] = Enumerable.Range(0, g).Select(_ => new List<float>()).ToArray();
        }
        var allImpostors = new List<float>();
        var allGenuine = new List<float>();
        long duplicates = 0;

        var vectors = faces.Select(i => embeddings[i]!).ToArray();
        var identities = faces.Select(i => set.Subjects[i].Identity).ToArray();
        for (var a = 0; a < vectors.Length; a++)
        {
            for (var b = a + 1; b < vectors.Length; b++)
            {
                var mated = identities[a] is not null && identities[a] == identities[b];
                if (!mated && vectors[a].Vector.SequenceEqual(vectors[b].Vector))
                {
                    duplicates++;
                    continue;
                }
                var score = FaceSimilarity.Compare(vectors[a], vectors[b]);
                var level = Level(raw, score);
                if (mated)
                {
                    matedLevels[level]++;
                    allGenuine.Add((float)score);
                }
                else
                {
                    impostorLevels[level]++;
                    allImpostors.Add((float)score);
                }
                for (var d = 0; d < dimensions.Count; d++)
                {
                    var (ga, gb) = (groupOf[d][a], groupOf[d][b]);
                    if (ga < 0 || gb < 0) continue;
                    if (mated)
                    {
                        if (ga != gb) continue;
                        matedCells[d][ga, level]++;
                        genuineScores[d][ga].Add((float)score);
                    }
                    else
                    {
                        cells[d][Math.Min(ga, gb), Math.Max(ga, gb), level]++;
                        if (ga == gb) impostorScores[d][ga].Add((float)score);
                    }
                }
            }
        }

        allImpostors.Sort();
        allGenuine.Sort();
        var edges = HistogramEdges(allImpostors, allGenuine);
        var groups = new List<GroupErrorRates>();
        var cross = new List<CrossGroupRates>();
        var curves = new List<GroupScoreCurve>();
        var differentials = new List<FalseMatchDifferential>();
        var curveRaw = CurveSimilarities.Select(calibration.RawScore).ToList();
        for (var d = 0; d < dimensions.Count; d++)
        {
            var names = groupNames[d];
            var dimensionGroups = new List<GroupErrorRates>();
            for (var g = 0; g < names.Count; g++)
            {
                var members = groupOf[d].Count(x => x == g);
                var fm = FalseMatches(Slice(cells[d], g, g));
                var matedRow = Enumerable.Range(0, levels).Select(l => matedCells[d][g, l]).ToArray();
                var fnm = matedRow.Sum() == 0 ? [] : FalseNonMatches(matedRow);
                dimensionGroups.Add(new GroupErrorRates(dimensions[d].Name, names[g], members, fm, fnm));

                var impostors = impostorScores[d][g].Select(x => (double)x).Order().ToList();
                var genuine = genuineScores[d][g].Select(x => (double)x).Order().ToList();
                var fmrCurve = CurveSimilarities.Select((s, i) => new SimilarityRate(s, impostors.Count == 0 ? 0 : (double)SimilarityCalibrationFit.CountAtOrAbove(impostors, curveRaw[i]) / impostors.Count)).ToList();
                curves.Add(new GroupScoreCurve(dimensions[d].Name, names[g], fmrCurve, DetCurve.Points(genuine, impostors), Histogram(impostors, edges), Histogram(genuine, edges)));
                for (var h = g + 1; h < names.Count; h++)
                {
                    cross.Add(new CrossGroupRates(dimensions[d].Name, names[g], names[h], FalseMatches(Slice(cells[d], g, h))));
                }
            }
            groups.AddRange(dimensionGroups);
            differentials.AddRange(Differentials(dimensions[d].Name, dimensionGroups, sortedThresholds));
        }

        return new DemographicAuditResult
        {
            ModelId = calibration.ModelId,
            Source = set.Source,
            Images = set.Subjects.Count,
            ImagesWithoutFace = set.Subjects.Count - faces.Count,
            DuplicatePairs = duplicates,
            ImpostorPairs = allImpostors.Count,
            MatedPairs = allGenuine.Count,
            Thresholds = sortedThresholds,
            RawThresholds = raw,
            CalibratedFalseMatchRates = sortedThresholds.Select(calibration.EstimatedFalseMatchRate).ToList(),
            OverallFalseMatch = FalseMatches(impostorLevels),
            OverallFalseNonMatch = allGenuine.Count == 0 ? [] : FalseNonMatches(matedLevels),
            Groups = groups,
            CrossGroups = cross,
            Differentials = differentials,
            HistogramEdges = edges,
            Curves = curves,
        };
    }

    /// <summary>
    /// The fewest same-group impostor pairs for a group to be ranked against others: with fewer, one false
    /// match among them would be a rate of 1e-3 on its own.
    /// </summary>
    public const long MinComparablePairs = 1000;

    /// <summary>The groups with at least <see cref="MinComparablePairs"/> same-group impostor pairs.</summary>
    public static IReadOnlyList<GroupErrorRates> Comparable(IEnumerable<GroupErrorRates> groups) =>
        groups.Where(g => g.FalseMatch.Count > 0 && g.FalseMatch[0].Trials >= MinComparablePairs).ToList();

    /// <summary>The group with the highest and the one with the lowest FMR at threshold index <paramref name="t"/> (ties by the upper bound); <paramref name="groups"/> must not be empty.</summary>
    public static (GroupErrorRates Worst, GroupErrorRates Best) Extremes(IReadOnlyList<GroupErrorRates> groups, int t) =>
        (groups.MaxBy(g => (g.FalseMatch[t].Rate, g.FalseMatch[t].Upper))!, groups.MinBy(g => (g.FalseMatch[t].Rate, g.FalseMatch[t].Upper))!);

    /// <summary>The worst and best <see cref="Comparable"/> group of one dimension at each threshold.</summary>
    public static IReadOnlyList<FalseMatchDifferential> Differentials(string dimension, IReadOnlyList<GroupErrorRates> groups, IReadOnlyList<double> thresholds)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(thresholds);
        var result = new List<FalseMatchDifferential>();
        var eligible = Comparable(groups);
        if (eligible.Count < 2) return result;
        for (var t = 0; t < thresholds.Count; t++)
        {
            var (worst, best) = Extremes(eligible, t);
            var (w, b) = (worst.FalseMatch[t], best.FalseMatch[t]);
            result.Add(new FalseMatchDifferential(dimension, thresholds[t], worst.Group, w.Rate, w.Upper, best.Group, b.Rate,
                b.Rate > 0 ? w.Rate / b.Rate : null, b.Upper > 0 ? w.Lower / b.Upper : 0));
        }
        return result;
    }

    /// <summary>How many thresholds (ascending raw scores) <paramref name="score"/> reaches.</summary>
    public static int Level(IReadOnlyList<double> rawThresholds, double score)
    {
        var level = 0;
        while (level < rawThresholds.Count && score >= rawThresholds[level]) level++;
        return level;
    }

    // Pairs counted per level (level k reaches thresholds 0..k-1) → false matches at each threshold.
    private static List<ErrorRate> FalseMatches(long[] levels)
    {
        var total = levels.Sum();
        return Enumerable.Range(0, levels.Length - 1).Select(t => ErrorRate.Of(levels.Skip(t + 1).Sum(), total)).ToList();
    }

    // Mated pairs at level ≤ t miss threshold t.
    private static List<ErrorRate> FalseNonMatches(long[] levels)
    {
        var total = levels.Sum();
        return Enumerable.Range(0, levels.Length - 1).Select(t => ErrorRate.Of(levels.Take(t + 1).Sum(), total)).ToList();
    }

    private static long[] Slice(long[,,] cells, int a, int b) => Enumerable.Range(0, cells.GetLength(2)).Select(l => cells[a, b, l]).ToArray();

    private static List<double> HistogramEdges(List<float> impostors, List<float> genuine)
    {
        var all = impostors.Concat(genuine).ToList();
        if (all.Count == 0) return [];
        double lo = all.Min(), hi = all.Max();
        if (hi <= lo) hi = lo + 1e-6;
        return Enumerable.Range(0, HistogramBins + 1).Select(i => lo + (hi - lo) * i / HistogramBins).ToList();
    }

    // Fraction of the scores in each bin, so groups of different size compare.
    private static List<double> Histogram(IReadOnlyList<double> sorted, IReadOnlyList<double> edges)
    {
        if (edges.Count < 2 || sorted.Count == 0) return [];
        var counts = new double[edges.Count - 1];
        foreach (var s in sorted)
        {
            var bin = (int)((s - edges[0]) / (edges[^1] - edges[0]) * counts.Length);
            counts[Math.Clamp(bin, 0, counts.Length - 1)]++;
        }
        return counts.Select(c => c / sorted.Count).ToList();
    }

    private sealed record Dimension(string Name, Func<AuditSubject, string?> Label);

    private static List<Dimension> Dimensions(AuditSubjectSet set)
    {
        var dimensions = set.Dimensions.Select(name => new Dimension(name, s => s.Labels.GetValueOrDefault(name))).ToList();
        if (set.Dimensions.Count >= 2)
        {
            var (first, second) = (set.Dimensions[0], set.Dimensions[1]);
            dimensions.Insert(0, new Dimension($"{first} × {second}", s =>
                s.Labels.TryGetValue(first, out var a) && s.Labels.TryGetValue(second, out var b) ? $"{a} {b}" : null));
        }
        return dimensions;
    }
}
