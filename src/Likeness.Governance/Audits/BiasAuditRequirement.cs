using System.Globalization;

namespace Likeness.Governance.Audits;

/// <summary>
/// What a rule with <c>biasAuditRequired</c> asks of the latest demographics audit of the face model: at most
/// <see cref="MaxAgeDays"/> old, and at the threshold the request uses, a worst-group false-match rate of at most
/// <see cref="MaxRatioToCalibrated"/> times the calibrated rate (and at most <see cref="MaxWorstGroupFalseMatchRate"/>
/// when given). See docs/POLICY.md, "Bias audits".
/// </summary>
/// <param name="MaxAgeDays">
/// The oldest audit that counts, in days (default 365). A year is the usual re-audit interval: Washington's RCW 43.386
/// requires a service to be tested before deployment and periodically after, and annual bias audits are the common
/// reading of "periodically" (e.g. New York City Local Law 144 of 2021 requires one within a year of use).
/// </param>
/// <param name="MaxWorstGroupFalseMatchRate">An absolute bound on the worst group's false-match rate per comparison (0-1]; none by default.</param>
/// <param name="MaxRatioToCalibrated">
/// How many times the calibrated false-match rate the worst group's rate may be (default 10). The Similarity a caller
/// chooses stands for the calibrated rate; for a group whose rate is more than an order of magnitude above it the
/// threshold does not mean what it says. NIST FRVT part 3 (NISTIR 8280, 2019) measured demographic differentials in
/// false-match rates of 10 to 100 times and more across algorithms, so 10 admits a good model and refuses a typical bad one.
/// </param>
public sealed record BiasAuditRequirement(int MaxAgeDays = BiasAuditRequirement.DefaultMaxAgeDays, double? MaxWorstGroupFalseMatchRate = null, double MaxRatioToCalibrated = BiasAuditRequirement.DefaultMaxRatioToCalibrated)
{
    /// <summary>The default oldest audit that counts: a year.</summary>
    public const int DefaultMaxAgeDays = 365;

    /// <summary>The default bound on the worst group's rate as a multiple of the calibrated rate: an order of magnitude.</summary>
    public const double DefaultMaxRatioToCalibrated = 10;

    /// <summary>What <c>"biasAuditRequired": true</c> means.</summary>
    public static BiasAuditRequirement Default { get; } = new();

    /// <summary>The oldest audit that counts, in days; positive.</summary>
    public int MaxAgeDays { get; init; } = MaxAgeDays > 0 ? MaxAgeDays : throw new ArgumentOutOfRangeException(nameof(MaxAgeDays), MaxAgeDays, "must be positive");

    /// <summary>The absolute bound on the worst group's false-match rate, in (0, 1], or null for none.</summary>
    public double? MaxWorstGroupFalseMatchRate { get; init; } = MaxWorstGroupFalseMatchRate is null or (> 0 and <= 1)
        ? MaxWorstGroupFalseMatchRate
        : throw new ArgumentOutOfRangeException(nameof(MaxWorstGroupFalseMatchRate), MaxWorstGroupFalseMatchRate, "must be a rate above 0 and at most 1");

    /// <summary>The bound on the worst group's rate as a multiple of the calibrated rate; positive and finite.</summary>
    public double MaxRatioToCalibrated { get; init; } = MaxRatioToCalibrated > 0 && double.IsFinite(MaxRatioToCalibrated)
        ? MaxRatioToCalibrated
        : throw new ArgumentOutOfRangeException(nameof(MaxRatioToCalibrated), MaxRatioToCalibrated, "must be positive and finite");

    /// <summary>The requirement that holds when both this and <paramref name="other"/> do: the shorter age, the lower bounds.</summary>
    public BiasAuditRequirement Strictest(BiasAuditRequirement other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var absolute = (MaxWorstGroupFalseMatchRate, other.MaxWorstGroupFalseMatchRate) switch
        {
            ({ } a, { } b) => Math.Min(a, b),
            (var a, var b) => a ?? b,
        };
        return new BiasAuditRequirement(Math.Min(MaxAgeDays, other.MaxAgeDays), absolute, Math.Min(MaxRatioToCalibrated, other.MaxRatioToCalibrated));
    }

    /// <summary>The requirement as a policy file writes it: <c>{"maxAgeDays": 365, "maxRatioToCalibrated": 10}</c>, the absolute bound only when given.</summary>
    public string ToJson()
    {
        var parts = new List<string> { $"\"maxAgeDays\": {MaxAgeDays.ToString(CultureInfo.InvariantCulture)}" };
        if (MaxWorstGroupFalseMatchRate is { } max) parts.Add($"\"maxWorstGroupFalseMatchRate\": {max.ToString("R", CultureInfo.InvariantCulture)}");
        parts.Add($"\"maxRatioToCalibrated\": {MaxRatioToCalibrated.ToString("R", CultureInfo.InvariantCulture)}");
        return "{" + string.Join(", ", parts) + "}";
    }

    /// <summary>In words: "a demographics audit at most 365 days old whose worst group's false-match rate is at most 10x the calibrated rate".</summary>
    public override string ToString() =>
        $"a demographics audit at most {MaxAgeDays.ToString(CultureInfo.InvariantCulture)} days old whose worst group's false-match rate is at most " +
        $"{MaxRatioToCalibrated.ToString("0.###", CultureInfo.InvariantCulture)}x the calibrated rate" +
        (MaxWorstGroupFalseMatchRate is { } max ? $" and at most {BiasAuditCheck.Rate(max)}" : "");
}
