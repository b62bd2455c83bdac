namespace Likeness.Governance.Reports;

/// <summary>One measured figure of the model card: what it is, its value as measured, the doc that records it and the command that produced it.</summary>
public sealed record ModelCardFigure(string Topic, string Label, string Value, string Source, string Command);
