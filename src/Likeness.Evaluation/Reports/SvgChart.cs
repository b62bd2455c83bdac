using System.Globalization;
using System.Text;

namespace Likeness.Evaluation.Reports;

/// <summary>
/// Self-contained SVG charts for audit reports: no script, no external fonts or styles, the same bytes for the
/// same input. Each chart is 720 units wide, carries role="img", a &lt;title&gt; and a &lt;desc&gt; that says the
/// data in words, uses the Okabe-Ito palette plus a dash pattern per series so it reads in greyscale, and shows
/// "no data" instead of throwing when nothing can be drawn. Points that are NaN, infinite or (on a log axis)
/// &lt;= 0 are skipped and counted in the description.
/// </summary>
public static class SvgChart
{
    private const double Width = SvgWriter.Width;
    private const string Grid = "#d9d9d9";
    private const double LegendRow = 20;

    // A white outline under text keeps it readable where it crosses a gridline or reference line.
    private const string Halo = "paint-order=\"stroke\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\"";

    // Up to this many points a series also gets a dot at each point; a DET curve with thousands would be a smear.
    private const int MaxMarkedPoints = 30;

    /// <summary>
    /// A line chart, e.g. a DET curve (false match rate against false non-match rate, both log) or a recall curve.
    /// Log axes span the whole decades enclosing the data and tick each decade ("10⁻⁴"); linear axes tick in
    /// 1-2-5 steps. Each series is a polyline (class "series", data-series = its index) in the order given, with a
    /// legend entry; <paramref name="verticalLines"/> are dashed and labelled and widen the x range to show them.
    /// </summary>
    public static string Lines(string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series, bool logX, bool logY,
        IReadOnlyList<ReferenceLine>? verticalLines = null)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(xLabel);
        ArgumentNullException.ThrowIfNull(yLabel);
        ArgumentNullException.ThrowIfNull(series);

        var references = (verticalLines ?? []).Where(r => ChartAxis.CanDraw(r.Value, logX)).ToList();
        var drawn = series.Select(s => s.Points.Where(p => ChartAxis.CanDraw(p.X, logX) && ChartAxis.CanDraw(p.Y, logY)).ToList()).ToList();
        var all = drawn.SelectMany(p => p).ToList();
        if (all.Count == 0)
            return NoData(title, $"Line chart of {yLabel} against {xLabel}: no data. {NoneOf(series.Count, "series", "has a point that can be drawn")}");

        var xs = all.Select(p => p.X).Concat(references.Select(r => r.Value)).ToList();
        var x = ChartAxis.For(xs.Min(), xs.Max(), logX);
        var y = ChartAxis.For(all.Min(p => p.Y), all.Max(p => p.Y), logY);
        var plot = new Plot(Left: 84, Top: 44, Right: Width - 24, Bottom: 44 + 340);
        var svg = new SvgWriter();

        Title(svg, title);
        XAxis(svg, x, plot, xLabel);
        YAxis(svg, y, plot, yLabel);
        References(svg, x, plot, references, firstLabelY: plot.Top + 14);
        for (var i = 0; i < drawn.Count; i++)
        {
            var coordinates = drawn[i].Select(p => (X: plot.X(x, p.X), Y: plot.Y(y, p.Y))).ToList();
            DrawLine(svg, i, coordinates);
            if (drawn[i].Count <= MaxMarkedPoints)
                foreach (var (cx, cy) in coordinates)
                    svg.Raw($"<circle class=\"point\" data-series=\"{i}\" cx=\"{SvgWriter.N(cx)}\" cy=\"{SvgWriter.N(cy)}\" r=\"3\" fill=\"{SvgWriter.Colour(i)}\"/>");
        }

        var legendTop = plot.Bottom + 62;
        Legend(svg, plot, legendTop, series.Select((s, i) => drawn[i].Count == 0 ? s.Name + " (no data)" : s.Name).ToList());

        var description = new StringBuilder();
        description.Append($"Line chart of {yLabel} ({Scale(y)}) against {xLabel} ({Scale(x)}). ");
        description.Append(string.Join("; ", series.Select((s, i) => $"{s.Name}: {Count(drawn[i].Count, "point")}" +
            (s.Points.Count > drawn[i].Count ? $" ({s.Points.Count - drawn[i].Count} not drawable)" : "")))).Append('.');
        DescribeReferences(description, references);
        return svg.Finish(title, description.ToString(), legendTop + series.Count * LegendRow + 4);
    }

    /// <summary>
    /// Horizontal bars, one per <see cref="IntervalBar"/> in the order given, labelled on the left, with a whisker
    /// from Lower to Upper and the value (and note) printed at the bar's end; a row whose value is NaN, infinite or
    /// (on a log scale) negative says "no data". Bars are rect elements of class "bar"
    /// with data-value. On a log scale a value of 0 is an empty circle (class "zero-marker") at the left edge with
    /// the text "0 observed", and its upper whisker is still drawn. <paramref name="valueFormat"/> writes the
    /// printed values (default: three significant digits, "2.3 × 10⁻⁴" below 0.001).
    /// </summary>
    public static string IntervalBars(string title, string axisLabel, IReadOnlyList<IntervalBar> bars, bool logScale,
        IReadOnlyList<ReferenceLine>? references = null, Func<double, string>? valueFormat = null)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(axisLabel);
        ArgumentNullException.ThrowIfNull(bars);
        var format = valueFormat ?? SvgWriter.Number;

        var lines = (references ?? []).Where(r => ChartAxis.CanDraw(r.Value, logScale)).ToList();
        bool Drawable(IntervalBar bar) => double.IsFinite(bar.Value) && (!logScale || bar.Value >= 0);
        if (!bars.Any(Drawable))
            return NoData(title, $"Bar chart of {axisLabel}: no data. {NoneOf(bars.Count, "bars", "has a value that can be drawn")}");

        // Every drawable number widens the axis; a linear axis also holds 0, where its bars start.
        var values = bars.Where(Drawable).SelectMany(b => new[] { b.Value, b.Lower, b.Upper })
            .Concat(lines.Select(r => r.Value))
            .Where(v => ChartAxis.CanDraw(v, logScale))
            .Concat(logScale ? Array.Empty<double>() : [0.0])
            .ToList();
        // Only zeros on a log axis: there is no scale to read them against, so show one decade below 1.
        var axis = values.Count == 0 ? ChartAxis.Log(0.1, 1) : ChartAxis.For(values.Min(), values.Max(), logScale);

        var texts = bars.Select(b => !Drawable(b) ? "no data"
            : (logScale && b.Value == 0 ? "0 observed" : format(b.Value)) + (b.Note is null ? "" : $" ({b.Note})")).ToList();
        var labelWidth = Math.Clamp(bars.Max(b => SvgWriter.EstimateWidth(b.Label)) + 16, 60, 240);
        const double rowHeight = 30, barHeight = 14, margin = 8;
        var top = 36 + lines.Count * 14 + 8;
        var plot = new Plot(Left: labelWidth, Top: top, Right: labelWidth + PlotSpan(axis, bars.Zip(texts).Where(b => Drawable(b.First)), labelWidth),
            Bottom: top + bars.Count * rowHeight);
        var svg = new SvgWriter();

        Title(svg, title);
        XAxis(svg, axis, plot, axisLabel);
        References(svg, axis, plot, lines, firstLabelY: 36 + 12);

        var origin = logScale ? plot.Left : plot.X(axis, 0);
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var centre = plot.Top + rowHeight * (i + 0.5);
            svg.Text(plot.Left - 8, centre + 4, SvgWriter.Fit(bar.Label, labelWidth - 16), "end", "class=\"bar-label\"", tooltip: bar.Label);
            if (!Drawable(bar))
            {
                svg.Text(plot.Left + 6, centre + 4, texts[i], attributes: "class=\"bar-value\" font-style=\"italic\"");
                continue;
            }

            var end = origin;
            var data = $"data-value=\"{bar.Value.ToString("R", CultureInfo.InvariantCulture)}\"";
            if (logScale && bar.Value == 0)
            {
                svg.Raw($"<circle class=\"zero-marker\" {data} cx=\"{SvgWriter.N(origin)}\" cy=\"{SvgWriter.N(centre)}\" r=\"5\" " +
                        $"fill=\"#ffffff\" stroke=\"{SvgWriter.Colour(0)}\" stroke-width=\"2\"/>");
                end = origin + 5;
            }
            else
            {
                var valueX = plot.X(axis, bar.Value);
                svg.Raw($"<rect class=\"bar\" {data} x=\"{SvgWriter.N(Math.Min(origin, valueX))}\" y=\"{SvgWriter.N(centre - barHeight / 2)}\" " +
                        $"width=\"{SvgWriter.N(Math.Abs(valueX - origin))}\" height=\"{SvgWriter.N(barHeight)}\" fill=\"{SvgWriter.Colour(5)}\"/>");
                end = Math.Max(origin, valueX);
            }

            end = Math.Max(end, Whisker(svg, axis, plot, bar, centre));
            svg.Text(end + 6, centre + 4, SvgWriter.Fit(texts[i], Width - margin - end - 6), attributes: $"class=\"bar-value\" {Halo}", tooltip: texts[i]);
        }

        var description = new StringBuilder();
        description.Append($"Bar chart of {axisLabel} ({Scale(axis)}). ");
        description.Append(string.Join("; ", bars.Select((b, i) => $"{b.Label}: {texts[i]}" +
            (Drawable(b) && double.IsFinite(b.Lower) && double.IsFinite(b.Upper) ? $", interval {format(b.Lower)} to {format(b.Upper)}" : "")))).Append('.');
        DescribeReferences(description, lines);
        return svg.Finish(title, description.ToString(), plot.Bottom + 48);
    }

    /// <summary>
    /// Overlaid step outlines, one per series (path of class "series", data-series = its index), of the fraction of
    /// that series' finite values falling in each of <paramref name="bins"/> equal bins, so groups of different
    /// size compare. The range is [<paramref name="min"/>, <paramref name="max"/>] where given, else the data's;
    /// values outside it are counted in the denominator but not drawn. Throws when <paramref name="bins"/> &lt; 1 or
    /// when both bounds are given and <paramref name="max"/> &lt;= <paramref name="min"/>.
    /// </summary>
    public static string Histograms(string title, string xLabel, IReadOnlyList<(string Name, IReadOnlyList<double> Values)> series, int bins,
        double? min = null, double? max = null, IReadOnlyList<ReferenceLine>? verticalLines = null, string yLabel = "Fraction per bin")
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(xLabel);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (min is { } lowGiven && max is { } highGiven && !(highGiven > lowGiven))
            throw new ArgumentException($"max ({highGiven}) must be greater than min ({lowGiven}).", nameof(max));

        var finite = series.Select(s => s.Values.Where(double.IsFinite).ToList()).ToList();
        var all = finite.SelectMany(v => v).ToList();
        if (all.Count == 0)
            return NoData(title, $"Histogram of {xLabel}: no data. {NoneOf(series.Count, "series", "has a finite value")}");

        var low = min is { } m && double.IsFinite(m) ? m : all.Min();
        var high = max is { } n && double.IsFinite(n) ? n : all.Max();
        if (!(high > low))
        {
            // All values equal, or one bound given on the far side of the data: show one unit beside it.
            if (max is null) high = low + 1;
            else low = high - 1;
        }

        var x = ChartAxis.Linear(low, high, extendToTicks: false);
        var fractions = finite.Select(values => Bin(values, x, bins)).ToList();
        var tallest = fractions.SelectMany(f => f.Fractions).DefaultIfEmpty(0).Max();
        var y = ChartAxis.Linear(0, tallest > 0 ? tallest : 1);
        var references = (verticalLines ?? []).Where(r => double.IsFinite(r.Value) && r.Value >= low && r.Value <= high).ToList();
        var plot = new Plot(Left: 84, Top: 44, Right: Width - 24, Bottom: 44 + 300);
        var svg = new SvgWriter();

        Title(svg, title);
        XAxis(svg, x, plot, xLabel);
        YAxis(svg, y, plot, yLabel);
        References(svg, x, plot, references, firstLabelY: plot.Top + 14);
        for (var i = 0; i < fractions.Count; i++)
        {
            var d = new StringBuilder($"M{SvgWriter.N(plot.Left)},{SvgWriter.N(plot.Bottom)}");
            for (var k = 0; k < bins; k++)
                d.Append($" V{SvgWriter.N(plot.Y(y, fractions[i].Fractions[k]))} H{SvgWriter.N(plot.Left + (plot.Right - plot.Left) * (k + 1) / bins)}");
            d.Append($" V{SvgWriter.N(plot.Bottom)}");
            svg.Raw($"<path class=\"series\" data-series=\"{i}\" d=\"{d}\" fill=\"none\" stroke=\"{SvgWriter.Colour(i)}\" " +
                    $"stroke-width=\"2\" stroke-linejoin=\"round\"{SvgWriter.Dash(i)}/>");
        }

        var legendTop = plot.Bottom + 62;
        Legend(svg, plot, legendTop, series.Select((s, i) => $"{s.Name} (n = {finite[i].Count.ToString("#,0", CultureInfo.InvariantCulture)})").ToList());

        var description = new StringBuilder();
        description.Append($"Histogram of {xLabel} from {SvgWriter.Number(low)} to {SvgWriter.Number(high)} in {Count(bins, "bin")}, ");
        description.Append("each series as the fraction of its values per bin. ");
        description.Append(string.Join("; ", series.Select((s, i) => $"{s.Name}: {Count(finite[i].Count, "value")}" +
            (finite[i].Count > 0 ? $", mean {SvgWriter.Number(finite[i].Average())}" : "") +
            (fractions[i].Outside > 0 ? $", {fractions[i].Outside} outside the range shown" : "")))).Append('.');
        DescribeReferences(description, references);
        return svg.Finish(title, description.ToString(), legendTop + series.Count * LegendRow + 4);
    }

    // The plot rectangle inside the chart, and where a value lands in it.
    private readonly record struct Plot(double Left, double Top, double Right, double Bottom)
    {
        public double X(ChartAxis axis, double value) => Left + axis.Fraction(value) * (Right - Left);

        public double Y(ChartAxis axis, double value) => Bottom - axis.Fraction(value) * (Bottom - Top);
    }

    private static (double[] Fractions, int Outside) Bin(List<double> values, ChartAxis range, int bins)
    {
        var counts = new double[bins];
        var outside = 0;
        foreach (var v in values)
        {
            // The top edge belongs to the last bin, so a score of exactly max is counted.
            var at = range.Fraction(v);
            var k = at == 1 ? bins - 1 : (int)Math.Floor(at * bins);
            if (at < 0 || at > 1 || k >= bins) outside++;
            else counts[k]++;
        }

        if (values.Count > 0)
            for (var k = 0; k < bins; k++) counts[k] /= values.Count;
        return (counts, outside);
    }

    private static string NoData(string title, string description)
    {
        const double height = 160;
        var svg = new SvgWriter();
        Title(svg, title);
        svg.Text(Width / 2, height / 2 + 12, "no data", "middle", "class=\"no-data\" font-size=\"16\" fill=\"#666666\"");
        return svg.Finish(title, description, height);
    }

    private static void Title(SvgWriter svg, string title) =>
        svg.Text(12, 24, SvgWriter.Fit(title, Width - 24, fontSize: 15), attributes: "class=\"chart-title\" font-size=\"15\" font-weight=\"600\"");

    private static void XAxis(SvgWriter svg, ChartAxis axis, Plot plot, string label)
    {
        foreach (var tick in axis.Ticks)
        {
            var x = plot.X(axis, tick.Value);
            svg.Line(x, plot.Top, x, plot.Bottom, $"stroke=\"{Grid}\" stroke-width=\"1\"");
            svg.Line(x, plot.Bottom, x, plot.Bottom + 5, $"stroke=\"{SvgWriter.Ink}\" stroke-width=\"1\"");
            if (tick.Label.Length > 0)
                svg.Text(x, plot.Bottom + 18, tick.Label, "middle", "class=\"tick-label x-tick\"");
        }

        svg.Raw($"<rect x=\"{SvgWriter.N(plot.Left)}\" y=\"{SvgWriter.N(plot.Top)}\" width=\"{SvgWriter.N(plot.Right - plot.Left)}\" " +
                $"height=\"{SvgWriter.N(plot.Bottom - plot.Top)}\" fill=\"none\" stroke=\"{SvgWriter.Ink}\" stroke-width=\"1\"/>");
        svg.Text((plot.Left + plot.Right) / 2, plot.Bottom + 38, label, "middle", "class=\"axis-label\" font-size=\"13\"");
    }

    private static void YAxis(SvgWriter svg, ChartAxis axis, Plot plot, string label)
    {
        foreach (var tick in axis.Ticks)
        {
            var y = plot.Y(axis, tick.Value);
            svg.Line(plot.Left, y, plot.Right, y, $"stroke=\"{Grid}\" stroke-width=\"1\"");
            svg.Line(plot.Left - 5, y, plot.Left, y, $"stroke=\"{SvgWriter.Ink}\" stroke-width=\"1\"");
            if (tick.Label.Length > 0)
                svg.Text(plot.Left - 8, y + 4, tick.Label, "end", "class=\"tick-label y-tick\"");
        }

        var centre = (plot.Top + plot.Bottom) / 2;
        svg.Text(18, centre, label, "middle", $"class=\"axis-label\" font-size=\"13\" transform=\"rotate(-90 18 {SvgWriter.N(centre)})\"");
    }

    private static void References(SvgWriter svg, ChartAxis axis, Plot plot, IReadOnlyList<ReferenceLine> references, double firstLabelY)
    {
        for (var i = 0; i < references.Count; i++)
        {
            var x = plot.X(axis, references[i].Value);
            svg.Line(x, plot.Top, x, plot.Bottom, $"class=\"reference\" stroke=\"{SvgWriter.Ink}\" stroke-width=\"1.2\" stroke-dasharray=\"6 4\"");
            // Labels right of the line, or left of it near the right edge; stacked so close lines do not collide.
            var leftOfLine = x > plot.Left + (plot.Right - plot.Left) * 0.65;
            svg.Text(leftOfLine ? x - 4 : x + 4, firstLabelY + i * 14, references[i].Label, leftOfLine ? "end" : "start",
                $"class=\"reference-label\" font-size=\"11\" {Halo}");
        }
    }

    // The widest plot that still leaves room right of each bar's whisker for its printed value, since a value sits
    // at its bar's end, not in a column. A plot narrower than MinSpan would hide differences; long texts are cut instead.
    private static double PlotSpan(ChartAxis axis, IEnumerable<(IntervalBar Bar, string Text)> bars, double left)
    {
        const double minSpan = 240, gap = 6 + 8 + 6; // gap before the text, right margin, zero marker
        var span = Width - 8 - left;
        foreach (var (bar, text) in bars)
        {
            var reach = new[] { bar.Value, bar.Upper, bar.Lower, 0 }.Where(v => ChartAxis.CanDraw(v, axis.IsLog))
                .Select(axis.Fraction).DefaultIfEmpty(0).Max();
            var room = Width - left - gap - SvgWriter.EstimateWidth(text);
            span = reach > 0 ? Math.Min(span, room / reach) : span;
        }

        return Math.Clamp(span, Math.Min(minSpan, Width - 8 - left), Width - 8 - left);
    }

    // Draws the [Lower, Upper] whisker of a bar and returns its right end; negative infinity when nothing is drawn.
    private static double Whisker(SvgWriter svg, ChartAxis axis, Plot plot, IntervalBar bar, double centre)
    {
        if (!double.IsFinite(bar.Lower) || !double.IsFinite(bar.Upper)) return double.NegativeInfinity;
        var (lower, upper) = bar.Lower <= bar.Upper ? (bar.Lower, bar.Upper) : (bar.Upper, bar.Lower);
        if (axis.IsLog && upper <= 0) return double.NegativeInfinity;

        // On a log axis a lower end of 0 lies off the scale: the whisker runs out of the left edge, so it gets no cap.
        var open = axis.IsLog && lower <= 0;
        var x1 = open ? plot.Left : plot.X(axis, lower);
        var x2 = plot.X(axis, upper);
        var stroke = $"stroke=\"{SvgWriter.Ink}\" stroke-width=\"1.5\"";
        svg.Line(x1, centre, x2, centre, $"class=\"whisker\" {stroke}");
        if (!open) svg.Line(x1, centre - 5, x1, centre + 5, $"class=\"whisker-cap\" {stroke}");
        svg.Line(x2, centre - 5, x2, centre + 5, $"class=\"whisker-cap\" {stroke}");
        return x2;
    }

    private static void DrawLine(SvgWriter svg, int index, List<(double X, double Y)> coordinates)
    {
        // Points closer than the written precision add bytes but nothing visible.
        var points = new List<string>();
        foreach (var (cx, cy) in coordinates)
        {
            var point = SvgWriter.N(cx) + "," + SvgWriter.N(cy);
            if (points.Count == 0 || points[^1] != point) points.Add(point);
        }

        if (points.Count < 2) return;
        svg.Raw($"<polyline class=\"series\" data-series=\"{index}\" points=\"{string.Join(' ', points)}\" fill=\"none\" " +
                $"stroke=\"{SvgWriter.Colour(index)}\" stroke-width=\"2\" stroke-linejoin=\"round\"{SvgWriter.Dash(index)}/>");
    }

    private static void Legend(SvgWriter svg, Plot plot, double top, IReadOnlyList<string> names)
    {
        for (var i = 0; i < names.Count; i++)
        {
            var y = top + i * LegendRow;
            svg.Line(plot.Left, y - 4, plot.Left + 36, y - 4,
                $"class=\"legend-swatch\" stroke=\"{SvgWriter.Colour(i)}\" stroke-width=\"2.5\"{SvgWriter.Dash(i)}");
            svg.Text(plot.Left + 44, y, SvgWriter.Fit(names[i], plot.Right - plot.Left - 44), attributes: "class=\"legend-label\"", tooltip: names[i]);
        }
    }

    private static string Scale(ChartAxis axis) =>
        $"{(axis.IsLog ? "log" : "linear")} scale, {axis.RangeText}";

    private static string NoneOf(int count, string things, string what) =>
        count == 0 ? $"There are no {things}." : $"None of the {count} {things} {what}.";

    private static string Count(int n, string noun) =>
        $"{n.ToString("#,0", CultureInfo.InvariantCulture)} {noun}{(n == 1 ? "" : "s")}";

    private static void DescribeReferences(StringBuilder description, IReadOnlyList<ReferenceLine> references)
    {
        if (references.Count > 0)
            description.Append(" Reference lines: ")
                .Append(string.Join("; ", references.Select(r => $"{r.Label} at {SvgWriter.Number(r.Value)}")))
                .Append('.');
    }
}
