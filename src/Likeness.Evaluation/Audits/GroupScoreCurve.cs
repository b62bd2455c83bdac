using Likeness.Evaluation.Statistics;

namespace Likeness.Evaluation.Audits;

/// <summary>
/// One group's curves for the report's charts: same-group FMR at each Similarity 40-100 (the calibration
/// promises 10^-(S-40)/10), a DET curve where the group has mated pairs, and a histogram of its
/// impostor (and genuine) raw scores over the audit's common bins.
/// </summary>
public sealed record GroupScoreCurve(
    string Dimension,
    string Group,
    IReadOnlyList<SimilarityRate> FalseMatchBySimilarity,
    IReadOnlyList<DetPoint> Det,
    IReadOnlyList<double> ImpostorHistogram,
    IReadOnlyList<double> GenuineHistogram);
