using Likeness.Vision.Onnx;
using Likeness.Vision.Onnx.Native;

namespace Likeness.Vision.Tests.Onnx;

public sealed class OnnxRuntimeLoadingTests
{
    [Fact]
    public void VersionIsThePinnedOnePointThirtyRelease()
    {
        using var runtime = TestOnnxRuntime.Load();

        Assert.StartsWith("1.30.", runtime.Version);
        Assert.Equal(Path.GetFullPath(TestOnnxRuntime.LibraryPath), runtime.LibraryPath);
        Assert.False(runtime.UsesCuda);
    }

    [Fact]
    public void LoadingTwiceSharesTheLibraryAndBothRuntimesWork()
    {
        using var first = TestOnnxRuntime.Load(intraOpThreads: 1);
        using var second = TestOnnxRuntime.Load(intraOpThreads: 2);
        using var a = first.OpenSession(OnnxTestModels.Affine());
        using var b = second.OpenSession(OnnxTestModels.Affine());

        var x = OnnxTensor.FromFloats([1, 2, 3], 1, 3);
        Assert.Equal(a.Run([new("x", x)])[0].AsFloats(), b.Run([new("x", x)])[0].AsFloats());
    }

    [Fact]
    public void AMissingLibraryPathSaysWhereItLookedAndHowToInstall()
    {
        var missing = Path.Combine(Path.GetTempPath(), "likeness-no-such-dir", "libonnxruntime.so.1");

        var error = Assert.Throws<OnnxRuntimeException>(() => OnnxRuntime.Load(new OnnxRuntimeOptions { LibraryPath = missing }));

        Assert.Equal(OnnxErrorCode.NoSuchFile, error.Code);
        Assert.Contains(missing, error.Message);
        Assert.Contains("OnnxRuntimeOptions.LibraryPath", error.Message);
        Assert.Contains("likeness models install", error.Message);
    }

    [Fact]
    public void AFileThatIsNotALibraryFailsToLoadWithItsPath()
    {
        var notALibrary = Path.Combine(Path.GetTempPath(), $"likeness-not-a-library-{Guid.NewGuid():N}.so");
        File.WriteAllText(notALibrary, "not an ELF file");
        try
        {
            var error = Assert.Throws<OnnxRuntimeException>(() => OnnxRuntime.Load(new OnnxRuntimeOptions { LibraryPath = notALibrary }));

            Assert.Equal(OnnxErrorCode.Fail, error.Code);
            Assert.Contains(notALibrary, error.Message);
            Assert.Contains("likeness models install", error.Message);
        }
        finally
        {
            File.Delete(notALibrary);
        }
    }

    [Fact]
    public void WhenNothingIsFoundEveryPlaceSearchedIsListed()
    {
        var baseDirectory = Path.Combine(Path.GetTempPath(), "likeness-empty-app");
        var cacheFolder = Path.Combine(Path.GetTempPath(), "likeness-empty-cache");

        var error = Assert.Throws<OnnxRuntimeException>(() =>
            OrtLibraryLocator.Locate(new OnnxRuntimeOptions { SearchPaths = [cacheFolder] }, environmentPath: null, baseDirectory));

        Assert.Equal(OnnxErrorCode.NoSuchFile, error.Code);
        Assert.Contains(Path.Combine(baseDirectory, "runtimes", "linux-x64", "native"), error.Message);
        Assert.Contains(cacheFolder, error.Message);
        Assert.Contains("likeness models install", error.Message);
    }

    [Fact]
    public void TheEnvironmentVariableIsUsedWhenNoPathIsGivenAndMustExist()
    {
        var library = TestOnnxRuntime.LibraryPath;

        Assert.Equal(library, OrtLibraryLocator.Locate(new OnnxRuntimeOptions(), library, AppContext.BaseDirectory));
        var error = Assert.Throws<OnnxRuntimeException>(() =>
            OrtLibraryLocator.Locate(new OnnxRuntimeOptions { SearchPaths = [Path.GetDirectoryName(library)!] }, "/no/such/libonnxruntime.so.1", AppContext.BaseDirectory));
        Assert.Contains("$LIKENESS_ORT_LIBRARY", error.Message);
    }

    [Fact]
    public void ASearchPathFolderYieldsTheLibraryInside()
    {
        var library = TestOnnxRuntime.LibraryPath;

        var found = OrtLibraryLocator.Locate(
            new OnnxRuntimeOptions { SearchPaths = ["/no/such/folder", Path.GetDirectoryName(library)!] }, environmentPath: null, AppContext.BaseDirectory);

        Assert.Equal(library, found);
    }

    [Fact]
    public void TheNuGetRuntimesFolderBesideTheAppComesBeforeSearchPaths()
    {
        var app = Directory.CreateTempSubdirectory("likeness-app-");
        try
        {
            var native = Directory.CreateDirectory(Path.Combine(app.FullName, "runtimes", "linux-x64", "native"));
            var nuGetCopy = Path.Combine(native.FullName, "libonnxruntime.so");
            File.WriteAllBytes(nuGetCopy, []);

            var found = OrtLibraryLocator.Locate(
                new OnnxRuntimeOptions { SearchPaths = [Path.GetDirectoryName(TestOnnxRuntime.LibraryPath)!] }, environmentPath: null, app.FullName);

            Assert.Equal(nuGetCopy, found);
        }
        finally
        {
            app.Delete(recursive: true);
        }
    }

    [Fact]
    public void RequestingCudaWithoutItsProviderFailsClearly()
    {
        var error = Assert.Throws<OnnxRuntimeException>(() =>
            OnnxRuntime.Load(new OnnxRuntimeOptions { LibraryPath = TestOnnxRuntime.LibraryPath, UseCuda = true }));

        Assert.Contains("CUDA was requested", error.Message);
        Assert.Contains("libonnxruntime_providers_cuda.so", error.Message);
        Assert.Contains("AllowCpuFallback", error.Message);
        Assert.NotEqual(OnnxErrorCode.Ok, error.Code);
    }

    [Fact]
    public void CudaFallsBackToTheCpuOnlyWhenAllowed()
    {
        using var runtime = OnnxRuntime.Load(new OnnxRuntimeOptions
        {
            LibraryPath = TestOnnxRuntime.LibraryPath,
            UseCuda = true,
            AllowCpuFallback = true,
        });
        using var session = runtime.OpenSession(OnnxTestModels.Affine());

        Assert.False(runtime.UsesCuda);
        Assert.Equal(OnnxTestModels.AffineExpected([1, 1, 1]), session.Run([new("x", OnnxTensor.FromFloats([1, 1, 1], 1, 3))])[0].AsFloats());
    }

    [Fact]
    public void ADisposedRuntimeOpensNoSessionsButItsSessionsKeepWorking()
    {
        var runtime = TestOnnxRuntime.Load();
        using var session = runtime.OpenSession(OnnxTestModels.Affine());
        runtime.Dispose();

        Assert.Throws<ObjectDisposedException>(() => runtime.OpenSession(OnnxTestModels.Affine()));
        Assert.Single(session.Run([new("x", OnnxTensor.FromFloats([1, 2, 3], 1, 3))]));
    }

    [Fact]
    public void NegativeThreadCountsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            OnnxRuntime.Load(new OnnxRuntimeOptions { LibraryPath = TestOnnxRuntime.LibraryPath, IntraOpThreads = -1 }));
    }
}
