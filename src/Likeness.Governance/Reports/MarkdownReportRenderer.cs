using System.Text;

namespace Likeness.Governance.Reports;

/// <summary>
/// Writes a <see cref="ReportDocument"/> as GitHub-flavoured Markdown: headings, paragraphs and pipe tables; a
/// bar chart becomes the table of its numbers. Text is escaped so that it cannot turn into markup (`&lt;`, `\|`).
/// </summary>
public static class MarkdownReportRenderer
{
    /// <summary>The Markdown text of <paramref name="report"/>, ending in a newline.</summary>
    public static string Render(ReportDocument report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.Append("# ").Append(Text(report.Title)).Append("\n\n");
        md.Append('*').Append(Text(report.Subtitle)).Append("*\n");
        foreach (var section in report.Sections)
        {
            md.Append("\n## ").Append(Text(section.Heading)).Append('\n');
            foreach (var block in section.Blocks)
            {
                md.Append('\n');
                switch (block)
                {
                    case ReportParagraph p:
                        if (p.Label is not null) md.Append("**").Append(Text(p.Label)).Append(":** ");
                        md.Append(p.Missing ? "**" + Text(p.Text) + "**" : Text(p.Text)).Append('\n');
                        break;
                    case ReportTable t:
                        if (t.Caption is not null) md.Append('*').Append(Text(t.Caption)).Append("*\n\n");
                        Table(md, t.Headers, t.Rows);
                        break;
                    case ReportBarChart c:
                        md.Append('*').Append(Text(c.Title)).Append("*\n\n");
                        Table(md, [string.Empty, .. c.Series, "total"],
                            [.. c.Categories.Select((category, i) => (IReadOnlyList<string>)[category, .. c.Values[i].Select(Count), Count(c.Values[i].Sum())])]);
                        break;
                    default:
                        throw new ArgumentException($"Unknown report block {block.GetType().Name}.", nameof(report));
                }
            }
        }
        return md.ToString();
    }

    private static void Table(StringBuilder md, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        md.Append("| ").AppendJoin(" | ", headers.Select(Cell)).Append(" |\n");
        md.Append('|').AppendJoin('|', headers.Select(_ => "---")).Append("|\n");
        foreach (var row in rows) md.Append("| ").AppendJoin(" | ", row.Select(Cell)).Append(" |\n");
    }

    private static string Count(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // Markdown passes raw HTML through, so `<` and `&` are escaped as entities; `*`, `_` and backticks
    // are left alone because report text quotes commands and identifiers where they read fine either way.
    private static string Text(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Cell(string text) => Text(text).Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Replace("\n", "<br>", StringComparison.Ordinal);
}
