using Likeness.Evaluation.Audits;

namespace Likeness.Evaluation.Tests.Audits;

public sealed class ProgressLineTests
{
    [Fact]
    public void DrawsABarThatFillsAndEndsTheLine()
    {
        var output = new StringWriter();
        var bar = new ProgressLine(output, "embedding", 4);
        bar.Report(0);
        bar.Report(4);
        var text = output.ToString();
        Assert.Contains("embedding [------------------------] 0/4 images", text);
        Assert.Contains("[########################] 4/4 images", text);
        Assert.EndsWith(Environment.NewLine, text);
    }
}
