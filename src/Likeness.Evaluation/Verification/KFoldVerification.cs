namespace Likeness.Evaluation.Verification;

/// <summary>
/// LFW's verification protocol: for each fold, the threshold that maximises accuracy on the other
/// folds is applied to it. A pair is called "same" when its score is strictly above the threshold;
/// a face that was not found has score -∞ and so is always called "different".
/// </summary>
public static class KFoldVerification
{
    /// <summary>Runs the protocol over every fold present in <paramref name="folds"/>.</summary>
    public static KFoldResult Evaluate(IReadOnlyList<double> scores, IReadOnlyList<bool> same, IReadOnlyList<int> folds)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(same);
        ArgumentNullException.ThrowIfNull(folds);
        if (scores.Count != same.Count || scores.Count != folds.Count) throw new ArgumentException("scores, same and folds must have one entry per pair.");
        var foldIds = folds.Distinct().Order().ToList();
        if (foldIds.Count < 2) throw new ArgumentException("The protocol needs at least two folds.", nameof(folds));
        var thresholds = new List<double>();
        var accuracies = new List<double>();
        foreach (var test in foldIds)
        {
            var train = Enumerable.Range(0, scores.Count).Where(i => folds[i] != test).ToList();
            var threshold = BestThreshold(train.Select(i => scores[i]).ToList(), train.Select(i => same[i]).ToList());
            var held = Enumerable.Range(0, scores.Count).Where(i => folds[i] == test).ToList();
            thresholds.Add(threshold);
            accuracies.Add(Accuracy(held.Select(i => scores[i]).ToList(), held.Select(i => same[i]).ToList(), threshold));
        }
        return new KFoldResult(thresholds, accuracies);
    }

    /// <summary>
    /// The threshold with the highest accuracy: candidates are midpoints between consecutive distinct
    /// finite scores, and one below the lowest and one above the highest (min - 1, max + 1); ties go
    /// to the lowest candidate.
    /// </summary>
    public static double BestThreshold(IReadOnlyList<double> scores, IReadOnlyList<bool> same)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(same);
        var finite = scores.Where(double.IsFinite).Distinct().Order().ToList();
        if (finite.Count == 0) return 0;
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToList();
        // Sweep candidates upwards; `correct` counts pairs right at the current candidate:
        // same pairs above it plus different pairs at or below it.
        var candidates = new List<double> { finite[0] - 1 };
        for (var k = 0; k + 1 < finite.Count; k++) candidates.Add((finite[k] + finite[k + 1]) / 2);
        candidates.Add(finite[^1] + 1);

        var correct = Enumerable.Range(0, scores.Count).Count(i => scores[i] > candidates[0] == same[i]);
        var best = correct;
        var bestThreshold = candidates[0];
        var next = 0;
        while (next < order.Count && scores[order[next]] <= candidates[0]) next++;
        for (var c = 1; c < candidates.Count; c++)
        {
            while (next < order.Count && scores[order[next]] <= candidates[c])
            {
                correct += same[order[next]] ? -1 : 1;
                next++;
            }
            if (correct > best)
            {
                best = correct;
                bestThreshold = candidates[c];
            }
        }
        return bestThreshold;
    }

    /// <summary>The fraction of pairs called right at <paramref name="threshold"/> (same iff score &gt; threshold).</summary>
    public static double Accuracy(IReadOnlyList<double> scores, IReadOnlyList<bool> same, double threshold)
    {
        if (scores.Count == 0) throw new ArgumentException("No pairs.", nameof(scores));
        var right = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            if (scores[i] > threshold == same[i]) right++;
        }
        return (double)right / scores.Count;
    }
}
