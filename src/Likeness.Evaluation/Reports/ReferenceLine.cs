namespace Likeness.Evaluation.Reports;

/// <summary>A dashed vertical line at <paramref name="Value"/> on a chart's x axis, labelled <paramref name="Label"/>.</summary>
/// <param name="Value">Position in data units, e.g. 1e-4 for a calibrated false match rate.</param>
/// <param name="Label">e.g. `FMR at threshold 80`.</param>
public sealed record ReferenceLine(double Value, string Label);
