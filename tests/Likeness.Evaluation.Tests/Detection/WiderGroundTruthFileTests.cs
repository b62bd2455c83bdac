using Likeness.Evaluation.Detection;

namespace Likeness.Evaluation.Tests.Detection;

public sealed class WiderGroundTruthFileTests
{
    private const string Sample = """
        0--Parade/0_Parade_a.jpg
        2
        10 20 30 40 0 0 0 0 0 0 
        5 6 7 8 2 0 1 1 0 0 
        19--Couple/19_Couple_empty.jpg
        0
        0 0 0 0 0 0 0 0 0 0 
        13--Interview/13_Interview_b.jpg
        1
        100 50 60 80 0 0 0 0 0 0 
        """;

    [Fact]
    public void ReadsEveryImageWithItsBoxesInFileOrder()
    {
        var images = WiderGroundTruthFile.Parse(new StringReader(Sample));

        Assert.Equal(["0--Parade/0_Parade_a.jpg", "19--Couple/19_Couple_empty.jpg", "13--Interview/13_Interview_b.jpg"], images.Select(i => i.RelativePath));
        Assert.Equal([new WiderFace(10, 20, 30, 40, false), new WiderFace(5, 6, 7, 8, true)], images[0].Faces);
        Assert.Empty(images[1].Faces);
        Assert.Equal(new WiderFace(100, 50, 60, 80, false), Assert.Single(images[2].Faces));
    }

    [Fact]
    public void AnImageThatEndsBeforeItsFacesIsAFormatError() =>
        Assert.Throws<FormatException>(() => WiderGroundTruthFile.Parse(new StringReader("a.jpg\n2\n1 2 3 4 0 0 0 0 0 0\n")));

    [Fact]
    public void DemographicsAttachToTheFaceAtTheirZeroBasedIndex()
    {
        var images = WiderGroundTruthFile.Parse(new StringReader(Sample));
        const string csv = """
            ,file,perceived_gender,perceived_age,perceived_skin,face
            0,images/0--Parade/0_Parade_a.jpg,Female,Adult,V,1
            1,images/13--Interview/13_Interview_b.jpg,Male,Senior,II,0
            """;

        var joined = WiderGroundTruthFile.JoinDemographics(images, new StringReader(csv));

        Assert.Null(joined[0].Faces[0].Demographics);
        Assert.Equal(new FaceDemographics("Female", "Adult", "V"), joined[0].Faces[1].Demographics);
        Assert.Equal(new FaceDemographics("Male", "Senior", "II"), joined[2].Faces[0].Demographics);
    }
}
