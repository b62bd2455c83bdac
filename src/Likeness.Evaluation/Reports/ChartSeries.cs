namespace Likeness.Evaluation.Reports;

/// <summary>
/// One named line of a <see cref="SvgChart.Lines"/> chart. Points are drawn in the order given; a point
/// with a non-finite coordinate, or one &lt;= 0 on a log axis, is skipped.
/// </summary>
/// <param name="Name">Shown in the legend and the chart's description, e.g. `ArcFace, Black women`.</param>
/// <param name="Points">Data coordinates, e.g. (false match rate, false non-match rate) for a DET curve.</param>
public sealed record ChartSeries(string Name, IReadOnlyList<(double X, double Y)> Points);
