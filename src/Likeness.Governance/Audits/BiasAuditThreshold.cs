namespace Likeness.Governance.Audits;

/// <summary>
/// One row of a demographics audit: at one Similarity threshold, the false-match rate of the group that fared worst
/// (with its impostor pairs, false matches and 95% upper confidence bound), the rate of the group that fared best,
/// and the rate the model's calibration states for the whole population at that threshold.
/// </summary>
/// <param name="Threshold">The Similarity threshold (0-100) the row was measured at.</param>
/// <param name="Pairs">Impostor pairs (two different people) compared within the worst group.</param>
/// <param name="WorstGroup">The demographic group with the highest false-match rate at this threshold.</param>
/// <param name="WorstGroupFalseMatches">Impostor pairs of the worst group scored at or above the threshold.</param>
/// <param name="WorstGroupFalseMatchRate">WorstGroupFalseMatches / Pairs: the rate the policy check compares.</param>
/// <param name="WorstGroupUpper">The 95% upper confidence bound of the worst group's rate (reported beside it).</param>
/// <param name="BestGroup">The demographic group with the lowest false-match rate at this threshold.</param>
/// <param name="BestGroupFalseMatchRate">The best group's false-match rate.</param>
/// <param name="CalibratedFalseMatchRate">The false-match rate the model's Similarity calibration states at this threshold.</param>
public sealed record BiasAuditThreshold(
    double Threshold,
    long Pairs,
    string WorstGroup,
    long WorstGroupFalseMatches,
    double WorstGroupFalseMatchRate,
    double WorstGroupUpper,
    string BestGroup,
    double BestGroupFalseMatchRate,
    double CalibratedFalseMatchRate)
{
    /// <summary>How many times the calibrated rate the worst group's rate is (infinity when the calibration states 0 and the group has false matches; 0 when neither has).</summary>
    public double RatioToCalibrated =>
        WorstGroupFalseMatchRate == 0 ? 0 : CalibratedFalseMatchRate == 0 ? double.PositiveInfinity : WorstGroupFalseMatchRate / CalibratedFalseMatchRate;
}
