using Likeness.Evaluation.Statistics;

namespace Likeness.Evaluation.Audits;

/// <summary>
/// The false matches of a set of probes at one threshold, beside what the calibration predicts for them.
/// </summary>
/// <param name="ProbesWithFalseMatch">Probes with at least one gallery face of another person at or above the threshold (the ACLU's "28 members of Congress").</param>
/// <param name="ProbeRate">That count over the probes, with its interval.</param>
/// <param name="FalseMatches">Every (probe, gallery face of another person) match at or above the threshold.</param>
/// <param name="Comparisons">Every (probe, gallery face of another person) pair searched.</param>
/// <param name="PairRate">False matches over comparisons: the FMR this search measured, with its interval.</param>
/// <param name="ExpectedFalseMatches">Comparisons x the calibrated FMR.</param>
/// <param name="ExpectedProbesWithFalseMatch">Σ over probes of 1 - (1 - FMR)^(its comparisons), treating pairs as independent.</param>
/// <param name="TrueMatches">Matches of a gallery face of the probe's own person (when identities overlap).</param>
public sealed record FalseMatchCount(
    double Threshold, int ProbesWithFalseMatch, ErrorRate ProbeRate, long FalseMatches, long Comparisons, ErrorRate PairRate,
    double ExpectedFalseMatches, double ExpectedProbesWithFalseMatch, long TrueMatches);
