using Likeness.Evaluation.Reports;

namespace Likeness.Evaluation.Tests.Reports;

public sealed class SvgWriterTests
{
    [Theory]
    [InlineData(0, "0")]
    [InlineData(0.93, "0.93")]
    [InlineData(0.012345, "0.0123")]
    [InlineData(1234.5, "1,235")]
    [InlineData(0.000234, "2.34 × 10⁻⁴")]
    [InlineData(0.00099996, "1 × 10⁻³")]
    [InlineData(-3e-7, "-3 × 10⁻⁷")]
    public void NumbersAreWrittenForAReader(double value, string expected) => Assert.Equal(expected, SvgWriter.Number(value));

    [Fact]
    public void EscapingReplacesMarkupAndCharactersXmlForbids() =>
        Assert.Equal("a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39; \uFFFD\uFFFD😀", SvgWriter.Escape("a <b> & \"c\" 'd' \u0001\ud800😀"));

    [Fact]
    public void CoordinatesNeverDependOnCultureOrShowMinusZero()
    {
        Assert.Equal("0", SvgWriter.N(-0.001));
        Assert.Equal("12.35", SvgWriter.N(12.345678));
    }
}
