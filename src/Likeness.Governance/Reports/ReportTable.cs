namespace Likeness.Governance.Reports;

/// <summary>A table of plain-text cells; every row has as many cells as <see cref="Headers"/>.</summary>
public sealed record ReportTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows, string? Caption = null) : ReportBlock;
