namespace Likeness.Evaluation.Reports;

/// <summary>One bar of a <see cref="SvgChart.IntervalBars"/> chart: a rate with its confidence interval.</summary>
/// <param name="Label">Written left of the bar, e.g. `Black Female`.</param>
/// <param name="Value">The measured rate; 0 on a log axis is drawn as an empty marker saying "0 observed".</param>
/// <param name="Lower">Lower end of the interval whisker.</param>
/// <param name="Upper">Upper end of the interval whisker; still drawn when <paramref name="Value"/> is 0.</param>
/// <param name="Note">Printed after the value, e.g. `3 of 61,075 pairs`.</param>
public sealed record IntervalBar(string Label, double Value, double Lower, double Upper, string? Note = null);
