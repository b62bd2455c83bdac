namespace Likeness.Governance.Reports;

/// <summary>A piece of a report section: a <see cref="ReportParagraph"/>, <see cref="ReportTable"/> or <see cref="ReportBarChart"/>.</summary>
public abstract record ReportBlock;
