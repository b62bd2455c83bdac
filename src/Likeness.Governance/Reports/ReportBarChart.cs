namespace Likeness.Governance.Reports;

/// <summary>
/// A stacked bar chart: one bar per category (e.g. a month), each split into the series (e.g. decisions);
/// <c>Values[category][series]</c>. HTML draws it as inline SVG; Markdown, which has no pictures, as a table.
/// </summary>
public sealed record ReportBarChart(string Title, IReadOnlyList<string> Categories, IReadOnlyList<string> Series, IReadOnlyList<IReadOnlyList<long>> Values) : ReportBlock;
