using System.Text;
using System.Text.RegularExpressions;

namespace Likeness.Evaluation.Reports;

/// <summary>
/// Builds one self-contained HTML page for an audit: no script, no external styles or fonts, readable on a
/// phone and on paper. Every text given is HTML-escaped; only <see cref="Figure"/>'s SVG is inserted as is.
/// Blocks appear in the order they are added; <see cref="Render"/> gives the same bytes for the same calls.
/// </summary>
public sealed partial class HtmlReport
{
    private readonly string _title;
    private readonly string _subtitle;
    private readonly StringBuilder _body = new();
    private readonly List<string> _footer = [];

    /// <summary>A report whose page title and top heading are <paramref name="title"/>, with <paramref name="subtitle"/> below it.</summary>
    public HtmlReport(string title, string subtitle)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(subtitle);
        _title = title;
        _subtitle = subtitle;
    }

    /// <summary>Adds a section heading (h2).</summary>
    public HtmlReport Heading(string text) => Append($"<h2>{E(text)}</h2>");

    /// <summary>Adds a paragraph.</summary>
    public HtmlReport Paragraph(string text) => Append($"<p>{E(text)}</p>");

    /// <summary>Adds a highlighted box headed "In plain words" with one bullet per point, for readers who skip the rest.</summary>
    public HtmlReport Summary(IReadOnlyList<string> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var html = new StringBuilder("<section class=\"summary\">\n<h2>In plain words</h2>\n<ul>\n");
        foreach (var point in points) html.Append($"<li>{E(point)}</li>\n");
        return Append(html.Append("</ul>\n</section>").ToString());
    }

    /// <summary>
    /// Adds a table with column headers, the first cell of each row as its row header, and an optional caption.
    /// Cells that look like numbers ("0.93", "-12", "1,234", "2.3e-4", "2.3 × 10⁻⁴", "4.5%"), optionally with an
    /// interval ("2.3e-4 [1.9e-4, 2.8e-4]"), are right-aligned.
    /// </summary>
    public HtmlReport Table(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var html = new StringBuilder("<div class=\"table-wrap\">\n<table>\n");
        if (caption is not null) html.Append($"<caption>{E(caption)}</caption>\n");
        html.Append("<thead>\n<tr>");
        for (var c = 0; c < headers.Count; c++)
            html.Append($"<th scope=\"col\"{(c == 0 ? "" : Align(rows.Select(r => c < r.Count ? r[c] : "")))}>{E(headers[c])}</th>");
        html.Append("</tr>\n</thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            for (var c = 0; c < row.Count; c++)
                html.Append(c == 0 ? $"<th scope=\"row\">{E(row[c])}</th>" : $"<td{Align([row[c]])}>{E(row[c])}</td>");
            html.Append("</tr>\n");
        }

        return Append(html.Append("</tbody>\n</table>\n</div>").ToString());
    }

    /// <summary>Adds a figure: <paramref name="svg"/> inserted unescaped (it must come from <see cref="SvgChart"/>), then its caption.</summary>
    public HtmlReport Figure(string svg, string caption)
    {
        ArgumentNullException.ThrowIfNull(svg);
        return Append($"<figure>\n{svg}\n<figcaption>{E(caption)}</figcaption>\n</figure>");
    }

    /// <summary>Adds a glossary (dl), e.g. "False match rate (FMR)" with what it means.</summary>
    public HtmlReport Definitions(IReadOnlyList<(string Term, string Meaning)> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var html = new StringBuilder("<dl>\n");
        foreach (var (term, meaning) in items) html.Append($"<dt>{E(term)}</dt>\n<dd>{E(meaning)}</dd>\n");
        return Append(html.Append("</dl>").ToString());
    }

    /// <summary>Adds preformatted text in a monospace block, e.g. the command that reproduces the report.</summary>
    public HtmlReport Code(string text) => Append($"<pre><code>{E(text)}</code></pre>");

    /// <summary>Adds a line to the page footer, which follows everything else; repeated calls add lines in order.</summary>
    public HtmlReport Footer(string text)
    {
        _footer.Add(E(text));
        return this;
    }

    /// <summary>The complete page: an HTML5 document in English, UTF-8, with its styles inline.</summary>
    public string Render()
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append($"<title>{E(_title)}</title>\n<style>\n{Style}</style>\n</head>\n<body>\n<main>\n");
        html.Append($"<header>\n<h1>{E(_title)}</h1>\n<p class=\"subtitle\">{E(_subtitle)}</p>\n</header>\n");
        html.Append(_body);
        html.Append("</main>\n");
        if (_footer.Count > 0)
            html.Append("<footer>\n").Append(string.Concat(_footer.Select(line => $"<p>{line}</p>\n"))).Append("</footer>\n");
        return html.Append("</body>\n</html>\n").ToString();
    }

    private HtmlReport Append(string html)
    {
        _body.Append(html).Append('\n');
        return this;
    }

    private static string E(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SvgWriter.Escape(text);
    }

    // A column (or cell) is right-aligned when every non-empty cell in it looks like a number, so digits line up.
    private static string Align(IEnumerable<string> cells)
    {
        var filled = cells.Where(c => !string.IsNullOrWhiteSpace(c)).ToList();
        return filled.Count > 0 && filled.All(c => NumberLike().IsMatch(c.Trim())) ? " class=\"num\"" : "";
    }

    // A number: optional sign or comparison, digits with , . or thin-space grouping, optional e-exponent or
    // "× 10ⁿ", optional %. A cell is numeric when it is one, optionally followed by an interval "[low, high]".
    private const string Number = @"[<>≤≥≈~±+\-−]?\s?\d[\d,.\u2009]*(?:e[+\-−]?\d+|\s?×\s?10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]*)?\s?%?";

    [GeneratedRegex($@"^{Number}(?:\s?\[{Number},\s?{Number}\])?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumberLike();

    // System fonts only (nothing to download), a 60rem measure, SVG scaled to the column, and print rules that
    // keep figures and tables whole and drop the screen tints.
    private const string Style = """
        :root { color-scheme: light; }
        body { margin: 0; padding: 1.5rem 1rem 3rem; background: #ffffff; color: #1a1a1a;
               font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
               font-size: 1.0625rem; line-height: 1.6; }
        main, body > footer { max-width: 60rem; margin: 0 auto; }
        h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 0.25rem; }
        h2 { font-size: 1.4rem; line-height: 1.3; margin: 2.25rem 0 0.75rem; }
        .subtitle { margin: 0 0 1.5rem; color: #555555; font-size: 1.15rem; }
        p, ul, dl { margin: 0 0 1rem; }
        .summary { background: #fff8e1; border-left: 0.35rem solid #e69f00; padding: 0.75rem 1.25rem; margin: 1.5rem 0; }
        .summary h2 { margin-top: 0.25rem; font-size: 1.2rem; }
        .summary li { margin-bottom: 0.35rem; }
        figure { margin: 1.5rem 0; }
        figure svg { display: block; width: 100%; height: auto; max-width: 100%; }
        figcaption { font-size: 0.95rem; color: #444444; margin-top: 0.5rem; }
        .table-wrap { overflow-x: auto; margin: 1rem 0 1.5rem; }
        table { border-collapse: collapse; font-size: 0.95rem; }
        caption { text-align: left; font-weight: 600; padding-bottom: 0.4rem; }
        th, td { padding: 0.35rem 0.75rem; border-bottom: 1px solid #d0d0d0; text-align: left; vertical-align: top; }
        thead th { border-bottom: 2px solid #1a1a1a; }
        tbody th { font-weight: normal; }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        dt { font-weight: 600; }
        dd { margin: 0 0 0.75rem 1.5rem; }
        pre { background: #f4f4f4; padding: 0.75rem 1rem; overflow-x: auto; font-size: 0.9rem; line-height: 1.45; }
        code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; }
        body > footer { margin-top: 3rem; padding-top: 1rem; border-top: 1px solid #d0d0d0; color: #555555; font-size: 0.9rem; }
        @media print {
          body { padding: 0; font-size: 10.5pt; }
          main, body > footer { max-width: none; }
          .summary { background: none; border: 1px solid #1a1a1a; }
          figure, table, .summary, pre, dl { break-inside: avoid; }
          h2 { break-after: avoid; }
          pre { white-space: pre-wrap; background: none; border: 1px solid #d0d0d0; }
          .table-wrap { overflow: visible; }
        }

        """;
}
