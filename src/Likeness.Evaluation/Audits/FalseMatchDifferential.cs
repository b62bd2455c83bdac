namespace Likeness.Evaluation.Audits;

/// <summary>
/// How far apart the groups of one dimension are at one threshold: the group with the highest same-group
/// FMR against the one with the lowest. <paramref name="Ratio"/> is null when the best group had no false
/// match; <paramref name="RatioLowerBound"/> (worst's lower 95% bound over best's upper bound) is what the
/// data can vouch for either way.
/// </summary>
public sealed record FalseMatchDifferential(
    string Dimension, double Threshold, string WorstGroup, double WorstRate, double WorstUpper, string BestGroup, double BestRate, double? Ratio, double RatioLowerBound);
