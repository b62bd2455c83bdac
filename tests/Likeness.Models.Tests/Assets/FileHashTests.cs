using System.Text;
using Likeness.Models.Assets;

namespace Likeness.Models.Tests.Assets;

public sealed class FileHashTests
{
    [Fact]
    public void Sha256IsLowerCaseHexOfTheBytes() =>
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", FileHash.Sha256(Encoding.ASCII.GetBytes("abc")));

    [Fact]
    public void AMissingAssetFailsWithOneLineNamingFileHashAndFix()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<AssetException>(() => FileHash.Require(path, new string('a', 64)));

        Assert.Contains(path, error.Message);
        Assert.Contains(new string('a', 64), error.Message);
        Assert.Contains("likeness models install", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void ACorruptAssetNamesBothHashes()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "abc");
            var error = Assert.Throws<AssetException>(() => FileHash.Require(path, new string('b', 64)));
            Assert.Contains("ba7816bf", error.Message);
            Assert.Contains(new string('b', 64), error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
