using System.Globalization;
using Likeness.Evaluation.Audits;
using Likeness.Evaluation.Calibration;

namespace Likeness.Evaluation.Reports;

/// <summary>The self-contained HTML page of a demographics audit: a plain-language summary, charts, then every table.</summary>
public static class DemographicAuditReport
{
    /// <summary>The page for <paramref name="result"/>.</summary>
    public static string Html(DemographicAuditResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var inv = CultureInfo.InvariantCulture;
        var report = new HtmlReport($"Demographic audit of {result.ModelId}",
            string.Create(inv, $"{result.Images:N0} images, {result.ImpostorPairs:N0} pairs of different people, {result.MatedPairs:N0} pairs of the same person; {result.CompletedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC"));
        report.Summary(Summary(result));

        var low = 0;
        var high = result.Thresholds.Count - 1;
        var plain = result.Groups.Select(g => g.Dimension).Distinct().Where(d => !d.Contains('×', StringComparison.Ordinal)).ToList();
        var cells = result.Groups.Select(g => g.Dimension).Distinct().FirstOrDefault(d => d.Contains('×', StringComparison.Ordinal));

        report.Heading("False matches inside each group");
        report.Paragraph("Each bar is the share of pairs of different people, both in the group, that the model called a match at the threshold. " +
            "Whiskers are 95% Clopper-Pearson intervals; the dashed line is the rate the calibration promises for everyone. A bar far right of the line means the threshold protects that group less than it says.");
        foreach (var t in new[] { low, high }.Distinct())
        {
            foreach (var dimension in (cells is null ? plain : plain.Prepend(cells)).Take(3))
            {
                var bars = result.Groups.Where(g => g.Dimension == dimension).Select(g => new IntervalBar(g.Group, g.FalseMatch[t].Rate, g.FalseMatch[t].Lower, g.FalseMatch[t].Upper, ReportFormat.Count(g.FalseMatch[t]))).ToList();
                report.Figure(SvgChart.IntervalBars(string.Create(inv, $"Same-group false-match rate at Similarity {result.Thresholds[t]:G}, by {dimension}"), "false-match rate (log scale)", bars, logScale: true,
                    [new ReferenceLine(result.CalibratedFalseMatchRates[t], $"calibrated {ReportFormat.Number(result.CalibratedFalseMatchRates[t])}")], ReportFormat.Number),
                    string.Create(inv, $"False-match rate per {dimension} at threshold {result.Thresholds[t]:G}, with 95% intervals."));
            }
        }

        var curveDimension = plain.FirstOrDefault();
        if (curveDimension is not null)
        {
            var series = result.Curves.Where(c => c.Dimension == curveDimension)
                .Select(c => new ChartSeries(c.Group, c.FalseMatchBySimilarity.Select(p => (p.Similarity, p.FalseMatchRate)).ToList())).ToList();
            series.Add(new ChartSeries("calibration (everyone)", DemographicAudit.CurveSimilarities.Select(s => (s, SimilarityCalibrationFit.FalseMatchRateOf(s))).ToList()));
            report.Figure(SvgChart.Lines($"False-match rate against threshold, by {curveDimension}", "Similarity threshold", "false-match rate (log scale)", series, logX: false, logY: true,
                result.Thresholds.Select(t => new ReferenceLine(t, t.ToString("G", inv))).ToList()),
                "Where a group's line lies above the calibration's, its members are falsely matched more often than the threshold promises. Lines stop where no pair in the group scored that high.");

            var histograms = result.Curves.Where(c => c.Dimension == curveDimension && c.ImpostorHistogram.Count > 0)
                .Select(c => new ChartSeries($"{c.Group}, different people", Centres(result.HistogramEdges).Zip(c.ImpostorHistogram).ToList())).ToList();
            histograms.AddRange(result.Curves.Where(c => c.Dimension == curveDimension && c.GenuineHistogram.Count > 0)
                .Select(c => new ChartSeries($"{c.Group}, same person", Centres(result.HistogramEdges).Zip(c.GenuineHistogram).ToList())));
            if (histograms.Count > 0)
            {
                report.Figure(SvgChart.Lines($"Score distributions by {curveDimension}", "raw score (1 / (1 + distance))", "share of pairs", histograms, logX: false, logY: false,
                    result.Thresholds.Select((t, i) => new ReferenceLine(result.RawThresholds[i], t.ToString("G", inv))).ToList()),
                    "How the model's raw scores spread for pairs of different people in each group (and the same person, where the data has such pairs). Vertical lines are the thresholds.");
            }

            var det = result.Curves.Where(c => c.Det.Count > 0).Select(c => new ChartSeries($"{c.Dimension}: {c.Group}", c.Det.Select(p => (p.FalseMatchRate, p.FalseNonMatchRate)).ToList())).ToList();
            if (det.Count > 0)
            {
                report.Figure(SvgChart.Lines("Detection error tradeoff by group", "false-match rate (log)", "false-non-match rate (log)", det, logX: true, logY: true,
                    result.CalibratedFalseMatchRates.Select((f, i) => new ReferenceLine(f, result.Thresholds[i].ToString("G", inv))).ToList()),
                    "Each curve is one group: lower and further left is better. A group whose curve lies above another's is missed more often at the same false-match rate.");
            }
        }

        report.Heading("Rates per group");
        var headers = new List<string> { "group", "faces", "pairs" };
        headers.AddRange(result.Thresholds.Select(t => $"FMR at {t:G} [95%]"));
        if (result.MatedPairs > 0) headers.AddRange(result.Thresholds.Select(t => $"FNMR at {t:G} [95%]"));
        var rows = new List<IReadOnlyList<string>>();
        var overall = new List<string> { "everyone", (result.Images - result.ImagesWithoutFace).ToString("N0", inv), result.ImpostorPairs.ToString("N0", inv) };
        overall.AddRange(result.OverallFalseMatch.Select(ReportFormat.Rate));
        if (result.MatedPairs > 0) overall.AddRange(result.OverallFalseNonMatch.Select(ReportFormat.Rate));
        rows.Add(overall);
        foreach (var g in result.Groups)
        {
            var row = new List<string> { $"{g.Dimension}: {g.Group}", g.Faces.ToString("N0", inv), g.FalseMatch.Count > 0 ? g.FalseMatch[0].Trials.ToString("N0", inv) : "0" };
            row.AddRange(g.FalseMatch.Select(ReportFormat.Rate));
            if (result.MatedPairs > 0) row.AddRange(g.FalseNonMatch.Count > 0 ? g.FalseNonMatch.Select(ReportFormat.Rate) : result.Thresholds.Select(_ => "no mated pairs"));
            rows.Add(row);
        }
        report.Table(headers, rows, "False-match rate (FMR) over pairs of different people with both faces in the group; false-non-match rate (FNMR) over pairs of the same person.");
        var calibrated = new List<string> { "calibration promises", "", "" };
        calibrated.AddRange(result.CalibratedFalseMatchRates.Select(ReportFormat.Number));
        report.Table(["", "", "", .. result.Thresholds.Select(t => $"FMR at {t:G}")], [calibrated], "The false-match rate the shipped calibration promises at each threshold, for comparison.");

        if (result.Differentials.Count > 0)
        {
            report.Heading("Differentials");
            report.Table(["dimension", "threshold", "worst group", "its FMR", "best group", "its FMR", "worst / best", "at least (95%)"],
                result.Differentials.Select(d => (IReadOnlyList<string>)[d.Dimension, d.Threshold.ToString("G", inv), d.WorstGroup, ReportFormat.Number(d.WorstRate), d.BestGroup, ReportFormat.Number(d.BestRate),
                    d.Ratio is { } r ? r.ToString("F1", inv) + "×" : "unbounded (best had none)", d.RatioLowerBound.ToString("F1", inv) + "×"]).ToList(),
                "Worst against best group (groups with at least 1,000 same-group pairs). \"At least\" divides the worst group's lower bound by the best group's upper bound: the gap the data vouches for.");
        }

        foreach (var dimension in plain)
        {
            var groups = result.Groups.Where(g => g.Dimension == dimension).Select(g => g.Group).ToList();
            if (groups.Count < 2) continue;
            var matrix = groups.Select(a => (IReadOnlyList<string>)groups.Select(b => a == b
                    ? ReportFormat.Number(result.Groups.Single(g => g.Dimension == dimension && g.Group == a).FalseMatch[low].Rate)
                    : ReportFormat.Number(result.CrossGroups.Single(c => c.Dimension == dimension && ((c.GroupA == a && c.GroupB == b) || (c.GroupA == b && c.GroupB == a))).FalseMatch[low].Rate))
                .Prepend(a).ToList()).ToList();
            report.Table(groups.Prepend($"{dimension}").ToList(), matrix,
                string.Create(inv, $"False-match rate at {result.Thresholds[low]:G} for pairs with one face in the row's group and one in the column's (diagonal: both in the same group)."));
        }

        if (result.GenderShades.Count > 0)
        {
            report.Heading("Gender classification (Gender Shades)");
            report.Paragraph("Buolamwini and Gebru (2018) found commercial gender classifiers wrong for up to 34.7% of darker-skinned women and under 1% of lighter-skinned men. The same table for this model's gender estimate:");
            report.Figure(SvgChart.IntervalBars("Gender-classification error by cell", "error rate", result.GenderShades.Select(c => new IntervalBar($"{c.Gender}, {c.Group}", c.Error.Rate, c.Error.Lower, c.Error.Upper, ReportFormat.Count(c.Error))).ToList(), logScale: false, valueFormat: ReportFormat.Percent),
                "Share of faces whose labelled gender the classifier got wrong, with 95% intervals.");
            report.Table(["cell", "faces", "no face found", "error [95%]", "errors"],
                result.GenderShades.Select(c => (IReadOnlyList<string>)[$"{c.Gender}, {c.Group}", c.Faces.ToString("N0", inv), c.NotFound.ToString("N0", inv),
                    $"{ReportFormat.Percent(c.Error.Rate)} [{ReportFormat.Percent(c.Error.Lower)}, {ReportFormat.Percent(c.Error.Upper)}]", ReportFormat.Count(c.Error)]).ToList());
        }

        report.Heading("Method");
        report.Definitions(
        [
            ("False match", "Two photos of different people that the model scores at or above the threshold: what put innocent people on the ACLU's 2018 list."),
            ("False-match rate (FMR)", "False matches divided by all pairs of different people compared."),
            ("False non-match", "Two photos of the same person scored below the threshold: a missed identification."),
            ("Similarity threshold", "Rekognition's 0-100 score. Likeness calibrates it so that Similarity S above 40 promises FMR 10^-(S-40)/10: 80 is 1 in 10,000, 99 about 1 in 800,000 (docs/THRESHOLDS.md)."),
            ("95% interval", "Clopper-Pearson exact binomial interval: with 0 false matches in n pairs the upper bound is about 3.7/n, never 0."),
            ("Same-group pairs", "Both faces carry the group's label. Demographic differentials show up here (NIST FRVT part 3, 2019): people are mostly searched against people who look like them."),
        ]);
        report.Paragraph(string.Create(inv,
            $"Data: {result.Source}. {result.ImagesWithoutFace} images where no face was found are left out; {result.DuplicatePairs} pairs of one picture filed twice are not counted as false matches.") + " " +
            ("Labels are the data set's (perceived, not self-identified); groups with few faces have wide intervals, so read the whiskers before the bars."));
        report.Code(result.Command);
        report.Footer($"Schema {result.Schema}. Generated by Likeness; the JSON beside this page holds every number shown.");
        return report.Render();
    }

    /// <summary>The plain-language points at the top of the page.</summary>
    public static IReadOnlyList<string> Summary(DemographicAuditResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var inv = CultureInfo.InvariantCulture;
        var points = new List<string>();
        for (var t = 0; t < result.Thresholds.Count; t++)
        {
            var threshold = result.Thresholds[t];
            if (t != 0 && t != result.Thresholds.Count - 1) continue;
            var overall = result.OverallFalseMatch[t];
            points.Add(string.Create(inv,
                $"At threshold {threshold:G}, {overall.Errors:N0} of {overall.Trials:N0} pairs of different people were called a match ({ReportFormat.OneIn(overall.Rate)}); the calibration promises {ReportFormat.OneIn(result.CalibratedFalseMatchRates[t])}."));
            var worstGap = result.Differentials.Where(d => d.Threshold == threshold).OrderByDescending(d => d.RatioLowerBound).FirstOrDefault();
            if (worstGap is not null)
            {
                var ratio = worstGap.Ratio is { } r ? string.Create(inv, $": {r:F1} times as often") : "";
                var bound = worstGap.RatioLowerBound > 1
                    ? string.Create(inv, $"; the data supports a gap of at least {worstGap.RatioLowerBound:F1} times.")
                    : "; the data cannot rule out that the gap is chance.";
                points.Add(string.Create(inv,
                    $"At {threshold:G}, {worstGap.WorstGroup} faces were falsely matched with each other most often ({ReportFormat.OneIn(worstGap.WorstRate)}), {worstGap.BestGroup} faces least ({ReportFormat.OneIn(worstGap.BestRate)}){ratio}{bound}"));
            }
        }
        if (result.MatedPairs > 0)
        {
            var last = result.OverallFalseNonMatch.Count - 1;
            points.Add(string.Create(inv, $"Of {result.MatedPairs:N0} pairs of the same person, {ReportFormat.Percent(result.OverallFalseNonMatch[0].Rate)} were missed at {result.Thresholds[0]:G} and {ReportFormat.Percent(result.OverallFalseNonMatch[last].Rate)} at {result.Thresholds[last]:G}."));
        }
        if (result.GenderShades.Count > 0)
        {
            var cells = result.GenderShades.Where(c => c.Group != "all" && c.Error.Trials > 0).ToList();
            if (cells.Count > 1)
            {
                var worst = cells.MaxBy(c => c.Error.Rate)!;
                var best = cells.MinBy(c => c.Error.Rate)!;
                points.Add($"The gender estimate was wrong most often for {worst.Group} {worst.Gender.ToLowerInvariant()} faces ({ReportFormat.Percent(worst.Error.Rate)}) and least often for {best.Group} {best.Gender.ToLowerInvariant()} faces ({ReportFormat.Percent(best.Error.Rate)}).");
            }
        }
        points.Add("Anyone can rerun this audit with the command at the end of this page; the numbers come from the data named there, not from a vendor's claim.");
        return points;
    }

    private static IEnumerable<double> Centres(IReadOnlyList<double> edges) => edges.Zip(edges.Skip(1), (a, b) => (a + b) / 2);
}
