namespace Likeness.Evaluation.Calibration;

/// <summary>The impostor FMR inside one demographic group (both faces in it) at one Similarity threshold.</summary>
/// <param name="Group">e.g. `Black Female`, `Asian`, `Male`.</param>
/// <param name="Threshold">Similarity threshold, 0-100.</param>
/// <param name="Pairs">Same-group impostor pairs.</param>
/// <param name="FalseMatches">Of those, how many reach the threshold.</param>
/// <param name="FalseMatchRate"><paramref name="FalseMatches"/> / <paramref name="Pairs"/>.</param>
/// <param name="CalibratedRate">What the whole-population calibration promises at this threshold, for comparison.</param>
public sealed record GroupFalseMatchRate(string Group, double Threshold, long Pairs, long FalseMatches, double FalseMatchRate, double CalibratedRate);
