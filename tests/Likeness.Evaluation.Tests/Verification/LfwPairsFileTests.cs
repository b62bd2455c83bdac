using Likeness.Evaluation.Verification;

namespace Likeness.Evaluation.Tests.Verification;

public sealed class LfwPairsFileTests
{
    private const string Sample =
        "2\t1\n" +
        "Abel_Pacheco\t1\t4\n" +
        "Abdel_Madi_Shabneh\t1\tDean_Barker\t1\n" +
        "Akhmed_Zakayev\t1\t3\n" +
        "Abdel_Madi_Shabneh\t1\tGiancarlo_Fisichella\t1\n";

    [Fact]
    public void SameAndDifferentPairsAreReadFoldByFold()
    {
        var pairs = LfwPairsFile.Parse(new StringReader(Sample));

        Assert.Equal(
            [
                new LfwPair(0, "Abel_Pacheco", 1, "Abel_Pacheco", 4, true),
                new LfwPair(0, "Abdel_Madi_Shabneh", 1, "Dean_Barker", 1, false),
                new LfwPair(1, "Akhmed_Zakayev", 1, "Akhmed_Zakayev", 3, true),
                new LfwPair(1, "Abdel_Madi_Shabneh", 1, "Giancarlo_Fisichella", 1, false),
            ],
            pairs);
    }

    [Fact]
    public void ImagePathsUseFourDigitNumbers() =>
        Assert.Equal(Path.Combine("lfw", "images", "Abel_Pacheco", "Abel_Pacheco_0004.jpg"), LfwPair.ImagePath("lfw", "Abel_Pacheco", 4));

    [Fact]
    public void AMalformedLineIsNamedInTheError()
    {
        var broken = Sample.Replace("Akhmed_Zakayev\t1\t3", "Akhmed_Zakayev\t1", StringComparison.Ordinal);

        var error = Assert.Throws<FormatException>(() => LfwPairsFile.Parse(new StringReader(broken)));
        Assert.Contains("line 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileThatEndsEarlyIsRefused() =>
        Assert.Throws<FormatException>(() => LfwPairsFile.Parse(new StringReader("2\t1\nAbel_Pacheco\t1\t4\n")));
}
