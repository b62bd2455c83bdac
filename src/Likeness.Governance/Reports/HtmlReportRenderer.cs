using System.Globalization;
using System.Net;
using System.Text;

namespace Likeness.Governance.Reports;

/// <summary>
/// Writes a <see cref="ReportDocument"/> as one self-contained HTML page: inline CSS, no scripts, no external
/// assets, bar charts as inline SVG (a stacked bar per category, a legend, each segment titled with its count).
/// Every piece of text is HTML-encoded, so operator-supplied names cannot inject markup.
/// </summary>
public static class HtmlReportRenderer
{
    // Colour-blind-safe palette (Okabe & Ito, "Color Universal Design", 2008), in series order.
    private static readonly string[] Palette = ["#0072B2", "#E69F00", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#F0E442", "#000000"];

    private const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.5}
        h1{font-size:1.7rem;margin-bottom:.2rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}
        .subtitle{color:#555;margin-top:0}table{border-collapse:collapse;margin:.8rem 0;font-size:.92rem}
        th,td{border:1px solid #ccc;padding:.3rem .55rem;text-align:left;vertical-align:top}th{background:#f1f1f1}
        td.n{text-align:right;font-variant-numeric:tabular-nums}caption{text-align:left;font-style:italic;color:#444;padding-bottom:.3rem}
        .missing{background:#fff3cd;border-left:4px solid #d39e00;padding:.3rem .6rem}figure{margin:1rem 0}figcaption{font-style:italic;color:#444}
        """;

    /// <summary>The HTML page of <paramref name="report"/>.</summary>
    public static string Render(ReportDocument report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(E(report.Title)).Append("</title>\n");
        html.Append("<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
        html.Append("<h1>").Append(E(report.Title)).Append("</h1>\n<p class=\"subtitle\">").Append(E(report.Subtitle)).Append("</p>\n");
        foreach (var section in report.Sections)
        {
            html.Append("<section>\n<h2>").Append(E(section.Heading)).Append("</h2>\n");
            foreach (var block in section.Blocks)
            {
                switch (block)
                {
                    case ReportParagraph p:
                        html.Append(p.Missing ? "<p class=\"missing\">" : "<p>");
                        if (p.Label is not null) html.Append("<strong>").Append(E(p.Label)).Append(":</strong> ");
                        html.Append(E(p.Text).Replace("\n", "<br>\n", StringComparison.Ordinal)).Append("</p>\n");
                        break;
                    case ReportTable t:
                        Table(html, t);
                        break;
                    case ReportBarChart c:
                        Chart(html, c);
                        break;
                    default:
                        throw new ArgumentException($"Unknown report block {block.GetType().Name}.", nameof(report));
                }
            }
            html.Append("</section>\n");
        }
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void Table(StringBuilder html, ReportTable table)
    {
        html.Append("<table>\n");
        if (table.Caption is not null) html.Append("<caption>").Append(E(table.Caption)).Append("</caption>\n");
        html.Append("<thead><tr>");
        foreach (var header in table.Headers) html.Append("<th>").Append(E(header)).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            foreach (var cell in row) html.Append(IsNumber(cell) ? "<td class=\"n\">" : "<td>").Append(E(cell).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    private static void Chart(StringBuilder html, ReportBarChart chart)
    {
        const int left = 56, top = 16, plotHeight = 220, bottom = 48, legendRow = 20;
        var bars = Math.Max(1, chart.Categories.Count);
        var barWidth = Math.Clamp(560 / bars, 12, 48);
        var gap = Math.Max(4, barWidth / 3);
        var plotWidth = bars * (barWidth + gap) + gap;
        var legendRows = (chart.Series.Count + 3) / 4;
        var width = left + plotWidth + 16;
        var height = top + plotHeight + bottom + legendRows * legendRow;
        var max = Math.Max(1, chart.Values.Select(v => v.Sum()).DefaultIfEmpty(0).Max());
        var scale = plotHeight / (double)max;

        html.Append("<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").Append(width).Append("\" height=\"").Append(height)
            .Append("\" viewBox=\"0 0 ").Append(width).Append(' ').Append(height).Append("\" font-family=\"system-ui,sans-serif\" font-size=\"11\">\n");
        html.Append("<title>").Append(E(chart.Title)).Append("</title>\n");
        // Axis: zero line and the maximum, labelled.
        html.Append(Invariant($"<line x1=\"{left}\" y1=\"{top + plotHeight}\" x2=\"{left + plotWidth}\" y2=\"{top + plotHeight}\" stroke=\"#333\"/>\n"));
        html.Append(Invariant($"<line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{top + plotHeight}\" stroke=\"#333\"/>\n"));
        html.Append(Invariant($"<line x1=\"{left}\" y1=\"{top}\" x2=\"{left + plotWidth}\" y2=\"{top}\" stroke=\"#ddd\"/>\n"));
        html.Append(Invariant($"<text x=\"{left - 6}\" y=\"{top + 4}\" text-anchor=\"end\">{max}</text>\n"));
        html.Append(Invariant($"<text x=\"{left - 6}\" y=\"{top + plotHeight + 4}\" text-anchor=\"end\">0</text>\n"));
        for (var i = 0; i < chart.Categories.Count; i++)
        {
            var x = left + gap + i * (barWidth + gap);
            var y = (double)(top + plotHeight);
            for (var s = 0; s < chart.Series.Count; s++)
            {
                var value = chart.Values[i][s];
                if (value <= 0) continue;
                var h = value * scale;
                y -= h;
                html.Append(Invariant($"<rect x=\"{x}\" y=\"{y:0.##}\" width=\"{barWidth}\" height=\"{h:0.##}\" fill=\"{Palette[s % Palette.Length]}\">"))
                    .Append("<title>").Append(E($"{chart.Categories[i]}, {chart.Series[s]}: {value.ToString(CultureInfo.InvariantCulture)}")).Append("</title></rect>\n");
            }
            var total = chart.Values[i].Sum();
            html.Append(Invariant($"<text x=\"{x + barWidth / 2.0:0.##}\" y=\"{y - 3:0.##}\" text-anchor=\"middle\">{total}</text>\n"));
            html.Append(Invariant($"<text x=\"{x + barWidth / 2.0:0.##}\" y=\"{top + plotHeight + 14}\" text-anchor=\"middle\">")).Append(E(chart.Categories[i])).Append("</text>\n");
        }
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var lx = left + s % 4 * 150;
            var ly = top + plotHeight + bottom - 10 + s / 4 * legendRow;
            html.Append(Invariant($"<rect x=\"{lx}\" y=\"{ly - 9}\" width=\"10\" height=\"10\" fill=\"{Palette[s % Palette.Length]}\"/>"))
                .Append(Invariant($"<text x=\"{lx + 14}\" y=\"{ly}\">")).Append(E(chart.Series[s])).Append("</text>\n");
        }
        html.Append("</svg>\n<figcaption>").Append(E(chart.Title)).Append("</figcaption>\n</figure>\n");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static bool IsNumber(string cell) => cell.Length > 0 && double.TryParse(cell, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out _);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
