namespace Likeness.Cli.Tests;

public sealed class ServeCommandTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("two")]
    public void ThreadsThatAreNotAPositiveWholeNumberAreOneLineAndExitTwo(string threads)
    {
        var result = CliRunner.Run("serve", "--threads", threads, "--data-dir", Path.Combine(Path.GetTempPath(), "likeness-serve-threads-unused"));

        Assert.Equal(2, result.Code);
        Assert.Single(result.Err.Trim().Split('\n'));
        Assert.Contains($"--threads needs a positive whole number, got '{threads}'", result.Err, StringComparison.Ordinal);
    }
}
