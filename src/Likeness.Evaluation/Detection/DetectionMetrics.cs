namespace Likeness.Evaluation.Detection;

/// <summary>
/// Turns per-image matchings into recall at fixed false positives per image, overall and per group.
/// One threshold per FPPI target is chosen on all detections pooled, then every group is read at
/// that threshold: the question is how a detector run at one setting treats each kind of face.
/// </summary>
public static class DetectionMetrics
{
    public static readonly IReadOnlyList<double> DefaultFppi = [0.1, 0.5, 1.0];

    /// <summary>Face-height bands (px), after Rekognition's floor of 40 px faces.</summary>
    public static string SizeBand(WiderFace face) => face.Height >= 40 ? "≥ 40 px" : face.Height >= 20 ? "20-40 px" : "< 20 px";

    public static DetectionEvaluation Compute(
        string detector, IReadOnlyList<WiderImage> images, IReadOnlyList<ImageMatch> matches, IReadOnlyList<double> targets, float floor, double medianMsPerImage)
    {
        var points = targets.Select(t => FppiOperatingPoint.Choose(matches.SelectMany(m => m.FalsePositives), images.Count, t, floor)).ToList();
        var faces = images.Zip(matches).SelectMany(p => p.First.Faces.Select((f, i) => (Face: f, Score: p.Second.MatchedConfidence[i]))).Where(p => !p.Face.Invalid).ToList();

        var groups = new List<GroupRecall>();
        void Add(string category, string group, IEnumerable<(WiderFace Face, float? Score)> members)
        {
            var list = members.ToList();
            groups.Add(new GroupRecall(category, group, list.Count, points.Select(p =>
            {
                var found = list.Count(m => m.Score >= p.Threshold);
                var ci = WilsonInterval.Of(found, list.Count);
                return new RecallPoint(p.TargetFppi, found, list.Count == 0 ? 0 : (double)found / list.Count, ci.Lower, ci.Upper);
            }).ToList()));
        }

        Add("all", "all faces", faces);
        foreach (var band in new[] { "≥ 40 px", "20-40 px", "< 20 px" }) Add("size", band, faces.Where(f => SizeBand(f.Face) == band));
        var labelled = faces.Where(f => f.Face.Demographics is not null).ToList();
        var large = labelled.Where(f => f.Face.Height >= 40).ToList();
        string[] skins = ["I", "II", "III", "IV", "V", "VI", "Not Sure"];
        foreach (var skin in skins) Add("skin, ≥ 40 px", skin, large.Where(f => f.Face.Demographics!.SkinType == skin));
        foreach (var skin in skins) Add("skin, all labelled", skin, labelled.Where(f => f.Face.Demographics!.SkinType == skin));
        foreach (var gender in large.Select(f => f.Face.Demographics!.Gender).Distinct().Order(StringComparer.Ordinal))
        {
            Add("gender, ≥ 40 px", gender, large.Where(f => f.Face.Demographics!.Gender == gender));
        }
        string[] ages = ["Young Adult", "Adult", "Middle age", "Senior"];
        foreach (var age in ages.Concat(large.Select(f => f.Face.Demographics!.AgeGroup).Distinct().Except(ages).Order(StringComparer.Ordinal)))
        {
            Add("age, ≥ 40 px", age, large.Where(f => f.Face.Demographics!.AgeGroup == age));
        }
        var ignored = images.Sum(i => i.Faces.Count(f => f.Invalid));
        return new DetectionEvaluation(detector, images.Count, faces.Count, ignored, medianMsPerImage, points, groups);
    }
}
