using System.Globalization;
using Likeness.Evaluation.Statistics;

namespace Likeness.Evaluation.Reports;

/// <summary>How audit reports write numbers: rates with their interval and counts, and "about 1 in N" for readers who do not read 2.3e-4.</summary>
public static class ReportFormat
{
    /// <summary>`2.3e-4 [1.9e-4, 2.8e-4]`, or `0 [0, 4.9e-5]`.</summary>
    public static string Rate(ErrorRate rate)
    {
        ArgumentNullException.ThrowIfNull(rate);
        return $"{Number(rate.Rate)} [{Number(rate.Lower)}, {Number(rate.Upper)}]";
    }

    /// <summary>`57 of 245,350`.</summary>
    public static string Count(ErrorRate rate)
    {
        ArgumentNullException.ThrowIfNull(rate);
        return string.Create(CultureInfo.InvariantCulture, $"{rate.Errors:N0} of {rate.Trials:N0}");
    }

    /// <summary>Three significant digits, scientific below 0.001: `0.0123`, `4.5e-5`, `0`.</summary>
    public static string Number(double value)
    {
        if (value == 0) return "0";
        if (!double.IsFinite(value)) return "n/a";
        return Math.Abs(value) < 1e-3
            ? value.ToString("0.0#e0", CultureInfo.InvariantCulture).Replace("e-0", "e-", StringComparison.Ordinal)
            : value.ToString("G3", CultureInfo.InvariantCulture);
    }

    /// <summary>A rate as odds a reader can picture: `about 1 in 4,300`, `none observed`, `1 in 1` for certainty.</summary>
    public static string OneIn(double rate)
    {
        if (rate <= 0) return "none observed";
        var n = 1 / rate;
        var rounded = n < 10 ? Math.Round(n, 1) : RoundToTwoFigures(n);
        return string.Create(CultureInfo.InvariantCulture, $"about 1 in {rounded:#,0.#}");
    }

    /// <summary>A percentage: one decimal from 1% (`12.3%`), two significant digits below (`0.029%`), so a small nonzero share never reads as 0.0%.</summary>
    public static string Percent(double fraction)
    {
        var percent = 100 * fraction;
        return percent is > 0 and < 1
            ? string.Create(CultureInfo.InvariantCulture, $"{percent.ToString("G2", CultureInfo.InvariantCulture)}%")
            : string.Create(CultureInfo.InvariantCulture, $"{percent:F1}%");
    }

    private static double RoundToTwoFigures(double n)
    {
        var scale = Math.Pow(10, Math.Floor(Math.Log10(n)) - 1);
        return Math.Round(n / scale) * scale;
    }
}
