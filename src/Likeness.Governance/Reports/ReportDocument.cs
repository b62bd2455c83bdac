namespace Likeness.Governance.Reports;

/// <summary>
/// A report as content, independent of its format: a title, a subtitle line and sections of paragraphs,
/// tables and bar charts. <see cref="MarkdownReportRenderer"/> and <see cref="HtmlReportRenderer"/> write it.
/// </summary>
public sealed record ReportDocument(string Title, string Subtitle, IReadOnlyList<ReportSection> Sections);
