using Likeness.Evaluation.Audits;

namespace Likeness.Evaluation.Tests.Audits;

public sealed class AuditLabelsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("likeness-labels-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private void Touch(string relative)
    {
        var path = Path.Combine(_directory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [0xFF, 0xD8]);
    }

    [Fact]
    public void UtkFaceNamesGiveRaceGenderAndAgeBandAndNoIdentity()
    {
        Touch("34_1_1_20170116.jpg.chip.jpg");
        Touch("71_0_2_20170116.jpg.chip.jpg");
        var set = AuditLabels.Read(_directory, "utkface");
        Assert.Equal(["race", "gender", "age band"], set.Dimensions);
        var first = set.Subjects[0];
        Assert.Null(first.Identity);
        Assert.Equal("Black", first.Labels["race"]);
        Assert.Equal("Female", first.Labels["gender"]);
        Assert.Equal("30-44", first.Labels["age band"]);
        Assert.Equal("60+", set.Subjects[1].Labels["age band"]);
        Assert.True(set.Padding > 0);
    }

    [Fact]
    public void LfwFoldersAreIdentitiesAndTheNameListsGiveGender()
    {
        Touch("images/Ann_Lee/Ann_Lee_0001.jpg");
        Touch("images/Ann_Lee/Ann_Lee_0002.jpg");
        Touch("images/Bo_Wu/Bo_Wu_0001.jpg");
        File.WriteAllLines(Path.Combine(_directory, "female_names.txt"), ["Ann_Lee_0001.jpg", "Ann_Lee_0002.jpg"]);
        File.WriteAllLines(Path.Combine(_directory, "male_names.txt"), ["Bo_Wu_0001.jpg"]);
        var set = AuditLabels.Read(_directory, "lfw");
        Assert.Equal(["gender"], set.Dimensions);
        Assert.Equal(["Ann_Lee", "Ann_Lee", "Bo_Wu"], set.Subjects.Select(s => s.Identity));
        Assert.Equal(["Female", "Female", "Male"], set.Subjects.Select(s => s.Labels["gender"]));
    }

    [Fact]
    public void AManifestNamesFilesIdentitiesAndAnyLabelColumns()
    {
        Touch("a.jpg");
        Touch("b.jpg");
        var csv = Path.Combine(_directory, "labels.csv");
        File.WriteAllLines(csv, ["file,identity,skin type,\"age, band\"", "a.jpg,p1,V,\"30-44\"", "b.jpg,,II,"]);
        var set = AuditLabels.Read(_directory, csv);
        Assert.Equal(["skin type", "age, band"], set.Dimensions);
        Assert.Equal("p1", set.Subjects[0].Identity);
        Assert.Null(set.Subjects[1].Identity);
        Assert.Equal("V", set.Subjects[0].Labels["skin type"]);
        Assert.False(set.Subjects[1].Labels.ContainsKey("age, band"));
    }

    [Fact]
    public void AManifestRowNamingAMissingImageSaysWhichLine()
    {
        var csv = Path.Combine(_directory, "labels.csv");
        File.WriteAllLines(csv, ["file,group", "missing.jpg,x"]);
        var e = Assert.Throws<FileNotFoundException>(() => AuditLabels.Read(_directory, csv));
        Assert.Contains("line 2", e.Message);
    }

    [Fact]
    public void AManifestWithoutAFileColumnIsRefused()
    {
        var csv = Path.Combine(_directory, "labels.csv");
        File.WriteAllLines(csv, ["path,group"]);
        Assert.Contains("file", Assert.Throws<FormatException>(() => AuditLabels.Read(_directory, csv)).Message);
    }

    [Theory]
    [InlineData("/x/George_W_Bush_0012.jpg", "George_W_Bush")]
    [InlineData("/x/portrait.png", "portrait")]
    [InlineData("/x/anna-3.jpg", "anna")]
    public void FileNamesGiveIdentityBeforeTheTrailingNumber(string path, string identity) =>
        Assert.Equal(identity, AuditLabels.IdentityFromFileName(path));
}
