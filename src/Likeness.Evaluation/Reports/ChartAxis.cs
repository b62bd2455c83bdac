using System.Globalization;

namespace Likeness.Evaluation.Reports;

/// <summary>
/// One chart axis: maps data values to a fraction of its length and picks its ticks. A log axis spans
/// whole decades and ticks each decade; a linear axis ticks in 1-2-5 × 10^k steps.
/// </summary>
internal sealed class ChartAxis
{
    /// <summary>A tick at <see cref="Value"/>; <see cref="Label"/> is empty for an unlabelled gridline.</summary>
    public readonly record struct Tick(double Value, string Label);

    // More labels than this crowd a 720-pixel axis; a log axis then labels every second (third...) decade.
    private const int MaxLabels = 12;

    private readonly double _low;   // log axis: log10(Min); linear: Min
    private readonly double _high;  // log axis: log10(Max); linear: Max

    private ChartAxis(bool isLog, double low, double high, IReadOnlyList<Tick> ticks)
    {
        IsLog = isLog;
        _low = low;
        _high = high;
        Ticks = ticks;
    }

    /// <summary>True for a logarithmic axis.</summary>
    public bool IsLog { get; }

    /// <summary>The smallest value on the axis.</summary>
    public double Min => IsLog ? Math.Pow(10, _low) : _low;

    /// <summary>The largest value on the axis.</summary>
    public double Max => IsLog ? Math.Pow(10, _high) : _high;

    /// <summary>Ticks from <see cref="Min"/> to <see cref="Max"/>, ascending.</summary>
    public IReadOnlyList<Tick> Ticks { get; }

    /// <summary>The range in words, e.g. "10⁻⁶ to 1" or "0 to 0.5".</summary>
    public string RangeText => IsLog
        ? $"{PowerOfTen((int)_low)} to {PowerOfTen((int)_high)}"
        : $"{SvgWriter.Number(_low)} to {SvgWriter.Number(_high)}";

    /// <summary>True when <paramref name="value"/> can be placed on an axis of this kind: finite, and positive on a log axis.</summary>
    public static bool CanDraw(double value, bool log) => double.IsFinite(value) && (!log || value > 0);

    /// <summary>Where <paramref name="value"/> falls: 0 at <see cref="Min"/>, 1 at <see cref="Max"/>.</summary>
    public double Fraction(double value) => IsLog
        ? (Math.Log10(value) - _low) / (_high - _low)
        : (value / 2 - _low / 2) / (_high / 2 - _low / 2); // halves: max - min overflows for data near ±double.MaxValue

    /// <summary>A log or linear axis enclosing [<paramref name="min"/>, <paramref name="max"/>] (both must be drawable).</summary>
    public static ChartAxis For(double min, double max, bool log) => log ? Log(min, max) : Linear(min, max);

    /// <summary>The whole decades enclosing [<paramref name="min"/>, <paramref name="max"/>], both &gt; 0; at least one decade.</summary>
    public static ChartAxis Log(double min, double max)
    {
        // 10^-323 is the smallest power of ten a double holds (a subnormal); 10^308 the largest.
        var low = Math.Max(-323, (int)Math.Floor(Exponent(min)));
        var high = Math.Min(308, (int)Math.Ceiling(Exponent(max)));
        if (high <= low) (low, high) = low < 308 ? (low, low + 1) : (307, 308);
        var every = (high - low + MaxLabels) / MaxLabels; // ceil(tick count / MaxLabels)
        var ticks = new List<Tick>();
        for (var e = low; e <= high; e++)
            ticks.Add(new Tick(Math.Pow(10, e), (e - low) % every == 0 ? PowerOfTen(e) : ""));
        return new ChartAxis(true, low, high, ticks);
    }

    /// <summary>
    /// A linear axis over [<paramref name="min"/>, <paramref name="max"/>]; with <paramref name="extendToTicks"/> the
    /// ends move out to the nearest ticks, otherwise the range is kept exactly and only ticks inside it are drawn.
    /// </summary>
    public static ChartAxis Linear(double min, double max, bool extendToTicks = true)
    {
        if (!(max > min))
        {
            // One value: give it room either side rather than divide by a zero range.
            // Near ±double.MaxValue one side has no room; pad the other twice.
            var pad = min == 0 ? 1 : Math.Abs(min) * 0.1;
            (min, max) = double.IsFinite(min - pad) && double.IsFinite(max + pad) ? (min - pad, max + pad)
                : min > 0 ? (min - 2 * pad, max) : (min, max + 2 * pad);
        }

        var step = NiceStep(max / 5 - min / 5);
        if (extendToTicks)
        {
            // Unless the tick beyond would overflow, as it does for data near ±double.MaxValue.
            var low = Math.Floor(min / step + 1e-9) * step;
            var high = Math.Ceiling(max / step - 1e-9) * step;
            if (double.IsFinite(low)) min = low;
            if (double.IsFinite(high)) max = high;
        }

        var decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(step) + 1e-9));
        var format = decimals == 0 ? "#,0" : "#,0." + new string('0', decimals);
        var first = Math.Ceiling(min / step - 1e-9);
        var ticks = new List<Tick>();
        // The cap guards against a range so wide that step arithmetic overflows.
        for (var k = 0; k < 100; k++)
        {
            var value = Math.Round((first + k) * step, Math.Min(15, decimals));
            if (!double.IsFinite(value) || value - max > step * 1e-9) break;
            if (value == 0) value = 0; // no "-0"
            // Beyond these, digits stop being readable: "2 × 10⁹" instead of "2,000,000,000".
            var compact = Math.Abs(value) >= 1e9 || decimals > 6;
            ticks.Add(new Tick(value, compact ? SvgWriter.Number(value) : value.ToString(format, CultureInfo.InvariantCulture)));
        }

        return new ChartAxis(false, min, max, ticks);
    }

    /// <summary>10^e written the way a reader expects: "1", "10", "10²", "10⁻⁴".</summary>
    public static string PowerOfTen(int exponent) => exponent switch
    {
        0 => "1",
        1 => "10",
        _ => "10" + Superscript(exponent),
    };

    /// <summary><paramref name="value"/> in Unicode superscript digits, e.g. -4 → "⁻⁴".</summary>
    public static string Superscript(int value)
    {
        const string digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        var text = value.ToString(CultureInfo.InvariantCulture);
        return string.Concat(text.Select(c => c == '-' ? '⁻' : digits[c - '0']));
    }

    // The smallest of 1, 2, 5 × 10^k that is at least raw.
    private static double NiceStep(double raw)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var f = raw / magnitude;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
    }

    // log10, snapped to the integer when within rounding error, so 1e-4 sits on its decade rather than just past it.
    private static double Exponent(double value)
    {
        var e = Math.Log10(value);
        var r = Math.Round(e);
        return Math.Abs(e - r) < 1e-9 ? r : e;
    }
}
