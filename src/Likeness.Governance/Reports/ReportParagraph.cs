namespace Likeness.Governance.Reports;

/// <summary>
/// Plain text (never markup: renderers escape it). <see cref="Label"/>, when given, is shown in bold before it;
/// <see cref="Missing"/> marks an answer the operator has not provided, shown as a warning.
/// </summary>
public sealed record ReportParagraph(string Text, string? Label = null, bool Missing = false) : ReportBlock;
