using System.Globalization;
using System.Text;

namespace Likeness.Evaluation.Reports;

/// <summary>
/// Appends SVG elements for <see cref="SvgChart"/>: escapes every text, writes every number with the
/// invariant culture and two decimals at most, so equal input gives equal bytes.
/// </summary>
internal sealed class SvgWriter
{
    /// <summary>Width of every chart in SVG units; pages scale it with the viewBox.</summary>
    public const double Width = 720;

    // Okabe & Ito (2008), "Color Universal Design (CUD)", https://jfly.uni-koeln.de/color/, without its yellow,
    // which is unreadable on white.
    private static readonly string[] Palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];

    // Six patterns against seven colours: colour and dash pairs do not repeat for 42 series, and the
    // dashes alone tell series apart when printed in grey.
    private static readonly string[] Dashes = ["", "8 4", "2 3", "8 3 2 3", "14 4", "4 2 1 2 1 2"];

    /// <summary>Text and axis colour.</summary>
    public const string Ink = "#222222";

    private readonly StringBuilder _body = new();

    /// <summary>Stroke colour of series <paramref name="index"/>.</summary>
    public static string Colour(int index) => Palette[index % Palette.Length];

    /// <summary>stroke-dasharray attribute (with leading space) of series <paramref name="index"/>; empty for solid.</summary>
    public static string Dash(int index)
    {
        var dash = Dashes[index % Dashes.Length];
        return dash.Length == 0 ? "" : $" stroke-dasharray=\"{dash}\"";
    }

    /// <summary>Appends markup already escaped and formatted by the caller.</summary>
    public SvgWriter Raw(string markup)
    {
        _body.Append(markup).Append('\n');
        return this;
    }

    /// <summary>Appends a text element; <paramref name="attributes"/> is raw markup such as <c>font-weight="bold"</c>.</summary>
    public SvgWriter Text(double x, double y, string text, string anchor = "start", string attributes = "", string? tooltip = null)
    {
        _body.Append($"<text x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\"");
        if (attributes.Length > 0) _body.Append(' ').Append(attributes);
        _body.Append('>');
        if (tooltip is not null) _body.Append("<title>").Append(Escape(tooltip)).Append("</title>");
        _body.Append(Escape(text)).Append("</text>\n");
        return this;
    }

    /// <summary>Appends a line; <paramref name="attributes"/> is raw markup for stroke and class.</summary>
    public SvgWriter Line(double x1, double y1, double x2, double y2, string attributes)
    {
        _body.Append($"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" {attributes}/>\n");
        return this;
    }

    /// <summary>The complete &lt;svg&gt; element: title, description, then everything appended.</summary>
    public string Finish(string title, string description, double height)
    {
        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {N(Width)} {N(height)}\" ");
        svg.Append($"width=\"{N(Width)}\" height=\"{N(height)}\" role=\"img\" ");
        svg.Append($"font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\" font-size=\"12\" fill=\"{Ink}\">\n");
        svg.Append("<title>").Append(Escape(title)).Append("</title>\n");
        svg.Append("<desc>").Append(Escape(description)).Append("</desc>\n");
        svg.Append($"<rect x=\"0\" y=\"0\" width=\"{N(Width)}\" height=\"{N(height)}\" fill=\"#ffffff\"/>\n");
        svg.Append(_body);
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>
    /// <paramref name="text"/> safe inside XML or HTML text and double- or single-quoted attributes. Characters
    /// XML forbids (most control characters, lone surrogates) become U+FFFD so the output always parses.
    /// </summary>
    public static string Escape(string text)
    {
        var result = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': result.Append("&amp;"); break;
                case '<': result.Append("&lt;"); break;
                case '>': result.Append("&gt;"); break;
                case '"': result.Append("&quot;"); break;
                case '\'': result.Append("&#39;"); break;
                case '\t' or '\n' or '\r': result.Append(c); break;
                case < ' ' or '\uFFFE' or '\uFFFF': result.Append('\uFFFD'); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                        result.Append(c).Append(text[++i]);
                    else if (char.IsSurrogate(c))
                        result.Append('\uFFFD');
                    else
                        result.Append(c);
                    break;
            }
        }

        return result.ToString();
    }

    /// <summary>A coordinate: invariant culture, at most two decimals, never "-0".</summary>
    public static string N(double value)
    {
        var rounded = Math.Round(value, 2);
        if (rounded == 0) rounded = 0;
        return rounded.ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A value for a reader: three significant digits, grouped thousands, and "2.3 × 10⁻⁴" below 0.001 or
    /// from ten million up, where a row of zeros is hard to count.
    /// </summary>
    public static string Number(double value)
    {
        if (value == 0) return "0";
        if (!double.IsFinite(value)) return value.ToString(CultureInfo.InvariantCulture);
        var magnitude = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        if (magnitude is >= -3 and < 7)
        {
            var decimals = Math.Clamp(2 - magnitude, 0, 15);
            return Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("#,0." + new string('#', decimals), CultureInfo.InvariantCulture);
        }

        // "E2" rounds to three significant digits and cannot overflow, unlike value / 10^magnitude for subnormals.
        var parts = value.ToString("E2", CultureInfo.InvariantCulture).Split('E');
        var mantissa = parts[0].TrimEnd('0').TrimEnd('.');
        return mantissa + " × " + ChartAxis.PowerOfTen(int.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Rough width in SVG units of <paramref name="text"/>: there is no font to measure with, and an average
    /// sans-serif character is about 0.55 em wide.
    /// </summary>
    public static double EstimateWidth(string text, double fontSize = 12) => text.Length * 0.55 * fontSize;

    /// <summary><paramref name="text"/>, cut and ended with "…" when its estimated width exceeds <paramref name="width"/>.</summary>
    public static string Fit(string text, double width, double fontSize = 12)
    {
        if (EstimateWidth(text, fontSize) <= width) return text;
        var keep = Math.Max(1, (int)(width / (0.55 * fontSize)) - 1);
        return text[..Math.Min(keep, text.Length)] + "…";
    }
}
