using System.Globalization;

namespace Likeness.Governance.Audits;

/// <summary>
/// Judges the latest demographics audit of a face model against a <see cref="BiasAuditRequirement"/> for a request
/// at a given Similarity threshold. Pure: the caller looks the audit up and says what time it is.
/// </summary>
public static class BiasAuditCheck
{
    // Thresholds are read from JSON and typed by people: 95 and 94.99999999999999 are the same threshold.
    private const double ThresholdTolerance = 1e-9;

    // A clock a little behind the machine that ran the audit must not refuse it, but an audit dated days ahead
    // would stay "fresh" for longer than the policy allows.
    private static readonly TimeSpan FutureTolerance = TimeSpan.FromDays(1);

    /// <summary>
    /// Whether <paramref name="latest"/> (the newest demographics audit recorded for <paramref name="modelId"/>, or null)
    /// meets <paramref name="requirement"/> at <paramref name="now"/> for a request at <paramref name="requestThreshold"/>
    /// (null: the lowest audited threshold). The row judged is the highest audited threshold at or below the request's:
    /// false-match rates fall as the threshold rises, so that row's rate bounds the request's from above.
    /// </summary>
    public static BiasAuditCheckResult Evaluate(BiasAuditRecord? latest, BiasAuditRequirement requirement, double? requestThreshold, string modelId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        var record = $"run `likeness audit demographics ... --record` on model {modelId}";
        if (latest is null || latest.Kind != BiasAuditKinds.Demographics || !string.Equals(latest.ModelId, modelId, StringComparison.Ordinal))
        {
            return new(false, $"no demographics audit of model {modelId} is recorded; {record}");
        }
        var id = latest.Id;
        var date = Date(latest.CompletedAt);
        if (latest.CompletedAt - now > FutureTolerance)
        {
            return new(false, $"demographics audit {id} is dated {date}, in the future; correct the clock of the machine that ran it and record it again", id);
        }
        var age = (now - latest.CompletedAt).TotalDays;
        if (age > requirement.MaxAgeDays)
        {
            return new(false, $"the latest demographics audit of model {modelId}, {id} of {date}, is {Math.Floor(age).ToString(CultureInfo.InvariantCulture)} days old; " +
                $"this use requires one at most {requirement.MaxAgeDays.ToString(CultureInfo.InvariantCulture)} days old: {record}", id);
        }
        if (latest.Thresholds.Count == 0) return new(false, $"demographics audit {id} of {date} records no threshold; {record}", id);
        var lowest = latest.Thresholds.MinBy(r => r.Threshold)!;
        var row = requestThreshold is not { } asked
            ? lowest
            : latest.Thresholds.Where(r => r.Threshold <= asked + ThresholdTolerance).MaxBy(r => r.Threshold);
        if (row is null)
        {
            return new(false, $"demographics audit {id} of {date} does not cover threshold {Number(requestThreshold!.Value)} (its lowest audited threshold is {Number(lowest.Threshold)}); " +
                "request a higher threshold or audit this one", id);
        }
        var at = requestThreshold is { } t
            ? $"at threshold {Number(row.Threshold)} (the highest audited at or below the request's {Number(t)})"
            : $"at threshold {Number(row.Threshold)} (the lowest audited; the request gives none)";
        var worst = $"group {row.WorstGroup}'s false-match rate {Rate(row.WorstGroupFalseMatchRate)} ({row.WorstGroupFalseMatches.ToString(CultureInfo.InvariantCulture)} of {row.Pairs.ToString(CultureInfo.InvariantCulture)} impostor pairs)";
        if (requirement.MaxWorstGroupFalseMatchRate is { } max && row.WorstGroupFalseMatchRate > max)
        {
            return new(false, $"in demographics audit {id} of {date}, {at}, {worst} is above the policy's bound of {Rate(max)}", id);
        }
        var ratioBound = requirement.MaxRatioToCalibrated * row.CalibratedFalseMatchRate;
        if (row.WorstGroupFalseMatchRate > ratioBound)
        {
            return new(false, $"in demographics audit {id} of {date}, {at}, {worst} is {Ratio(row.RatioToCalibrated)} the calibrated {Rate(row.CalibratedFalseMatchRate)}, " +
                $"above the policy's bound of {Ratio(requirement.MaxRatioToCalibrated)} ({Rate(ratioBound)}): Similarity {Number(row.Threshold)} does not mean for this group what it means for the population", id);
        }
        return new(true, $"demographics audit {id} of {date} passes: {at}, worst {worst} is within {Ratio(requirement.MaxRatioToCalibrated)} the calibrated {Rate(row.CalibratedFalseMatchRate)}" +
            (requirement.MaxWorstGroupFalseMatchRate is { } bound ? $" and the bound of {Rate(bound)}" : ""), id);
    }

    /// <summary>A false-match rate as reports print it: 0, or two significant digits in scientific notation (1.2E-5).</summary>
    public static string Rate(double rate) => rate == 0 ? "0" : rate.ToString("0.#E+0", CultureInfo.InvariantCulture);

    internal static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    internal static string Date(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // "12.5x the calibrated 1E-6"; a group with false matches where the calibration states none is simply "above" it.
    private static string Ratio(double ratio) => double.IsPositiveInfinity(ratio) ? "above" : ratio.ToString("0.#", CultureInfo.InvariantCulture) + "x";
}
