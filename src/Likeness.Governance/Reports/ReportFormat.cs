namespace Likeness.Governance.Reports;

/// <summary>The formats a report is written in.</summary>
public enum ReportFormat
{
    Markdown,
    Html,
}
