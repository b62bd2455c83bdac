using System.Globalization;
using System.Xml.Linq;
using Likeness.Evaluation.Reports;

namespace Likeness.Evaluation.Tests.Reports;

public sealed class SvgChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private const string Awkward = "Group <A> & \"B\" 'C'";

    private static readonly ChartSeries[] DetCurves =
    [
        new("Model A", [(1e-6, 0.2), (1e-5, 0.1), (1e-4, 0.05), (1e-3, 0.02), (1e-2, 0.01)]),
        new("Model B", [(1e-5, 0.3), (1e-4, 0.12), (1e-3, 0.04)]),
    ];

    private static readonly IntervalBar[] Rates =
    [
        new("White Male", 2.1e-5, 1.2e-5, 3.5e-5, "21 of 1,000,000 pairs"),
        new("Black Female", 4.2e-4, 3.1e-4, 5.6e-4, "42 of 100,000 pairs"),
        new("Asian Female", 0, 0, 6.0e-5, "0 of 61,075 pairs"),
    ];

    private static readonly (string Name, IReadOnlyList<double> Values)[] Scores =
    [
        ("Genuine", [0.7, 0.75, 0.8, 0.85, 0.9, 0.95]),
        ("Impostor", [0.05, 0.1, 0.1, 0.15, 0.2, 0.3, 0.4]),
    ];

    private static IEnumerable<string> AllCharts() =>
    [
        SvgChart.Lines("DET", "False match rate", "False non-match rate", DetCurves, logX: true, logY: true,
            [new ReferenceLine(1e-4, "FMR at threshold 80")]),
        SvgChart.IntervalBars("FMR by group", "False match rate", Rates, logScale: true, [new ReferenceLine(1e-4, "calibrated FMR 1e-4")]),
        SvgChart.Histograms("Scores", "Similarity", Scores, bins: 20, min: 0, max: 1, [new ReferenceLine(0.8, "threshold 80")]),
    ];

    [Fact]
    public void EveryChartIsAWellFormedAccessibleSvgElement()
    {
        foreach (var chart in AllCharts())
        {
            var root = XDocument.Parse(chart).Root!;

            Assert.Equal(Svg + "svg", root.Name);
            Assert.Equal("img", (string?)root.Attribute("role"));
            Assert.StartsWith("0 0 720 ", (string?)root.Attribute("viewBox"));
            Assert.False(string.IsNullOrWhiteSpace(root.Element(Svg + "title")?.Value));
            Assert.False(string.IsNullOrWhiteSpace(root.Element(Svg + "desc")?.Value));
            Assert.DoesNotContain("script", chart, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void TextWithMarkupCharactersIsEscapedAndRoundTrips()
    {
        string[] charts =
        [
            SvgChart.Lines(Awkward, Awkward, Awkward, [new ChartSeries(Awkward, [(1, 2), (3, 4)])], false, false, [new ReferenceLine(2, Awkward)]),
            SvgChart.IntervalBars(Awkward, Awkward, [new IntervalBar(Awkward, 0.5, 0.4, 0.6, Awkward)], false, [new ReferenceLine(0.5, Awkward)]),
            SvgChart.Histograms(Awkward, Awkward, [(Awkward, [1.0, 2.0])], 4, verticalLines: [new ReferenceLine(1.5, Awkward)]),
        ];

        foreach (var chart in charts)
        {
            var root = XDocument.Parse(chart).Root!;

            Assert.Equal(Awkward, root.Element(Svg + "title")!.Value);
            Assert.Contains(Awkward, root.Element(Svg + "desc")!.Value);
            Assert.Contains(TextsOf(root), t => t == Awkward);
            Assert.Contains(TextsOf(root, "reference-label"), t => t == Awkward);
        }
    }

    [Fact]
    public void OnLogAxesALargerValueIsDrawnFurtherRightAndHigher()
    {
        var chart = SvgChart.Lines("DET", "FMR", "FNMR", [new ChartSeries("A", [(1e-5, 1e-3), (1e-2, 0.5)])], logX: true, logY: true);

        var points = PolylinePoints(XDocument.Parse(chart).Root!, series: 0);

        Assert.Equal(2, points.Count);
        Assert.True(points[1].X > points[0].X);
        Assert.True(points[1].Y < points[0].Y, "SVG y grows downwards, so higher means smaller y");
    }

    [Fact]
    public void OnALogScaleALargerRateGetsALongerBar()
    {
        var chart = SvgChart.IntervalBars("FMR", "FMR", [new("small", 1e-5, 5e-6, 2e-5), new("large", 1e-3, 5e-4, 2e-3)], logScale: true);

        var ends = XDocument.Parse(chart).Descendants(Svg + "rect").Where(r => Class(r) == "bar")
            .ToDictionary(r => double.Parse((string)r.Attribute("data-value")!, CultureInfo.InvariantCulture),
                r => Attr(r, "x") + Attr(r, "width"));

        Assert.True(ends[1e-3] > ends[1e-5]);
    }

    [Fact]
    public void AZeroRateOnALogScaleSaysZeroObservedAndKeepsItsUpperWhisker()
    {
        var chart = SvgChart.IntervalBars("FMR", "FMR", Rates, logScale: true);
        var root = XDocument.Parse(chart).Root!;

        var marker = Assert.Single(root.Descendants(Svg + "circle"), c => Class(c) == "zero-marker");
        Assert.Contains(TextsOf(root, "bar-value"), t => t.StartsWith("0 observed", StringComparison.Ordinal));
        var markerY = Attr(marker, "cy");
        var whisker = Assert.Single(root.Descendants(Svg + "line"), l => Class(l) == "whisker" && Attr(l, "y1") == markerY);
        Assert.True(Attr(whisker, "x2") > Attr(marker, "cx"));
        Assert.Contains("Asian Female: 0 observed", root.Element(Svg + "desc")!.Value);
    }

    [Fact]
    public void DecadeTicksCoverTheData()
    {
        var chart = SvgChart.Lines("DET", "FMR", "FNMR", [new ChartSeries("A", [(3e-5, 0.02), (0.2, 0.9)])], logX: true, logY: true);

        var xTicks = TextsOf(XDocument.Parse(chart).Root!, "tick-label x-tick");

        Assert.Equal(["10⁻⁵", "10⁻⁴", "10⁻³", "10⁻²", "10⁻¹", "1"], xTicks);
    }

    [Fact]
    public void PointsThatCannotBeDrawnAreSkippedAndCounted()
    {
        var chart = SvgChart.Lines("DET", "FMR", "FNMR",
            [new ChartSeries("A", [(0, 0.5), (-1, 0.5), (double.NaN, 0.5), (double.PositiveInfinity, 0.5), (1e-4, 0.1), (1e-3, 0.05)])],
            logX: true, logY: true);
        var root = XDocument.Parse(chart).Root!;

        Assert.Equal(2, PolylinePoints(root, series: 0).Count);
        Assert.Contains("A: 2 points (4 not drawable)", root.Element(Svg + "desc")!.Value);
    }

    [Fact]
    public void ChartsWithNothingToDrawSayNoData()
    {
        string[] charts =
        [
            SvgChart.Lines("t", "x", "y", [], false, false),
            SvgChart.Lines("t", "x", "y", [new ChartSeries("empty", [])], true, true),
            SvgChart.Lines("t", "x", "y", [new ChartSeries("zeros", [(0, 0), (double.NaN, 1)])], true, true),
            SvgChart.IntervalBars("t", "x", [], true),
            SvgChart.IntervalBars("t", "x", [new IntervalBar("nan", double.NaN, 0, 1)], false),
            SvgChart.Histograms("t", "x", [("empty", [])], 10),
            SvgChart.Histograms("t", "x", [], 10),
        ];

        foreach (var chart in charts)
            Assert.Contains("no data", TextsOf(XDocument.Parse(chart).Root!, "no-data"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ExtremeButFiniteValuesStillGiveFiniteCoordinates(bool log)
    {
        (double, double)[] points = log
            ? [(double.Epsilon, double.Epsilon), (double.MaxValue, double.MaxValue)]
            : [(-double.MaxValue, -double.MaxValue), (double.MaxValue, double.MaxValue)];
        string[] charts =
        [
            SvgChart.Lines("t", "x", "y", [new ChartSeries("a", points)], log, log),
            SvgChart.Lines("t", "x", "y", [new ChartSeries("a", [points[1]])], log, log),
            SvgChart.IntervalBars("t", "x", [new IntervalBar("a", points[0].Item1, points[0].Item1, points[1].Item1)], log),
            SvgChart.Histograms("t", "x", [("a", [points[0].Item1, points[1].Item1])], 3),
        ];

        foreach (var chart in charts)
        {
            XDocument.Parse(chart);
            Assert.DoesNotContain("NaN", chart);
            Assert.DoesNotContain("∞", chart);
            Assert.DoesNotContain("Infinity", chart);
        }
    }

    [Fact]
    public void OnlyZeroRatesOnALogScaleStillDrawAChart()
    {
        var chart = SvgChart.IntervalBars("t", "x", [new IntervalBar("none", 0, 0, 0)], logScale: true);

        Assert.Contains("0 observed", TextsOf(XDocument.Parse(chart).Root!, "bar-value"));
    }

    [Fact]
    public void EqualInputGivesEqualBytesWhateverTheCurrentCulture()
    {
        var first = AllCharts().ToList();
        var previous = CultureInfo.CurrentCulture;
        try
        {
            // A culture writing "0,5" would corrupt coordinates if any number escaped the invariant culture.
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            comma.NumberFormat.NumberGroupSeparator = ".";
            CultureInfo.CurrentCulture = comma;

            Assert.Equal(first, AllCharts());
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void EachSeriesHasALegendEntryAndItsOwnColourAndDash()
    {
        var root = XDocument.Parse(AllCharts().First()).Root!;

        Assert.Equal(["Model A", "Model B"], TextsOf(root, "legend-label"));
        var swatches = root.Descendants(Svg + "line").Where(l => Class(l) == "legend-swatch").ToList();
        Assert.Equal(2, swatches.Select(s => (string?)s.Attribute("stroke")).Distinct().Count());
        Assert.Equal(2, swatches.Select(s => (string?)s.Attribute("stroke-dasharray") ?? "solid").Distinct().Count());
    }

    [Fact]
    public void ReferenceLinesAreDashedAndLabelled()
    {
        var root = XDocument.Parse(AllCharts().ElementAt(1)).Root!;

        var line = Assert.Single(root.Descendants(Svg + "line"), l => Class(l) == "reference");
        Assert.NotNull(line.Attribute("stroke-dasharray"));
        Assert.Equal(["calibrated FMR 1e-4"], TextsOf(root, "reference-label"));
    }

    [Fact]
    public void TheDescriptionSaysTheDataInWords()
    {
        var descriptions = AllCharts().Select(c => XDocument.Parse(c).Root!.Element(Svg + "desc")!.Value).ToList();

        Assert.Contains("Model A: 5 points; Model B: 3 points", descriptions[0]);
        Assert.Contains("Black Female: 4.2 × 10⁻⁴ (42 of 100,000 pairs), interval 3.1 × 10⁻⁴ to 5.6 × 10⁻⁴", descriptions[1]);
        Assert.Contains("Genuine: 6 values", descriptions[2]);
    }

    [Fact]
    public void HistogramsOfGroupsOfDifferentSizeButTheSameShapeDrawTheSameOutline()
    {
        double[] small = [0.1, 0.2, 0.2, 0.9];
        var large = Enumerable.Repeat(small, 25).SelectMany(v => v).ToList();

        var chart = SvgChart.Histograms("Scores", "Similarity", [("small", small), ("large", large)], bins: 10, min: 0, max: 1);
        var paths = XDocument.Parse(chart).Descendants(Svg + "path").Where(p => Class(p) == "series").Select(p => (string)p.Attribute("d")!).ToList();

        Assert.Equal(2, paths.Count);
        Assert.Equal(paths[0], paths[1]);
    }

    [Fact]
    public void AHistogramCountsAValueOnItsUpperBoundAndReportsValuesOutsideTheRange()
    {
        var desc = XDocument.Parse(SvgChart.Histograms("t", "x", [("a", [0.0, 1.0]), ("b", [0.5, 2.0])], 4, min: 0, max: 1)).Root!.Element(Svg + "desc")!.Value;

        Assert.Contains("a: 2 values, mean 0.5.", desc.Replace(";", "."));
        Assert.Contains("b: 2 values, mean 1.25, 1 outside the range shown", desc);
    }

    [Fact]
    public void AHistogramNeedsAtLeastOneBinAndAnIncreasingRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SvgChart.Histograms("t", "x", Scores, 0));
        Assert.Throws<ArgumentException>(() => SvgChart.Histograms("t", "x", Scores, 10, min: 1, max: 1));
    }

    private static string? Class(XElement element) => (string?)element.Attribute("class");

    private static double Attr(XElement element, string name) =>
        double.Parse((string)element.Attribute(name)!, CultureInfo.InvariantCulture);

    // The visible text of text elements (without their tooltip), optionally only those of one class.
    private static List<string> TextsOf(XElement root, string? cssClass = null) =>
        root.Descendants(Svg + "text")
            .Where(t => cssClass is null || Class(t) == cssClass)
            .Select(t => string.Concat(t.Nodes().OfType<XText>().Select(n => n.Value)))
            .ToList();

    private static List<(double X, double Y)> PolylinePoints(XElement root, int series)
    {
        var polyline = root.Descendants(Svg + "polyline").Single(p => (string?)p.Attribute("data-series") == series.ToString(CultureInfo.InvariantCulture));
        return ((string)polyline.Attribute("points")!).Split(' ')
            .Select(p => p.Split(','))
            .Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture)))
            .ToList();
    }
}
