namespace Likeness.Evaluation.Tests;

public sealed class EvaluationDataTests
{
    [Fact]
    public void AnExplicitFolderIsUsedAsGiven()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        try
        {
            Assert.Equal(dir, EvaluationData.Require(dir, "lfw-dev"));
        }
        finally
        {
            Directory.Delete(dir);
        }
    }

    [Fact]
    public void AMissingExplicitFolderIsNamedInTheError()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => EvaluationData.Require("/nonexistent/lfw", "lfw-dev"));

        Assert.Contains("/nonexistent/lfw", error.Message);
    }
}
