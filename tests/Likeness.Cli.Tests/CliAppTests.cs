namespace Likeness.Cli.Tests;

public sealed class CliAppTests
{
    [Fact]
    public void HelpListsTheVerbs()
    {
        var (code, stdout, _) = CliRunner.Run("help");

        Assert.Equal(0, code);
        Assert.Contains("models install", stdout);
        Assert.Contains("demo", stdout);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("models", "explode")]
    [InlineData("models")]
    [InlineData("models", "list", "--colour", "red")]
    [InlineData("models", "list", "--cache-dir")]
    [InlineData("eval")]
    [InlineData("eval", "happiness")]
    [InlineData("eval", "detection", "--threads", "zero", "--wider", "/tmp")]
    public void AWrongCommandLineGetsOneLineAndExitCode2(params string[] args)
    {
        var (code, stdout, stderr) = CliRunner.Run(args);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.StartsWith("likeness: ", stderr);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [InlineData("detection", "--wider")]
    [InlineData("verification", "--lfw")]
    public void AnEvaluationWithoutItsDataSaysWhereItLooked(string what, string option)
    {
        var (code, _, stderr) = CliRunner.Run("eval", what, option, "/nonexistent/data");

        Assert.Equal(1, code);
        Assert.Contains("/nonexistent/data", stderr);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void JsonIsAFlagForDetectButTakesAFileForEvaluations()
    {
        var detect = CliRunner.Run("detect", "--json", "/nonexistent/photo.jpg");
        var eval = CliRunner.Run("eval", "detection", "--wider", "/nonexistent/wider", "--json");

        Assert.DoesNotContain("needs a value", detect.Err);
        Assert.Contains("--json needs a value", eval.Err);
    }
}
