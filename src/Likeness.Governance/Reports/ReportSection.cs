namespace Likeness.Governance.Reports;

/// <summary>One headed section of a report, its blocks in reading order.</summary>
public sealed record ReportSection(string Heading, IReadOnlyList<ReportBlock> Blocks);
