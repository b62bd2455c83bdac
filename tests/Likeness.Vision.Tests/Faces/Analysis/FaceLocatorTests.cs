using Likeness.Vision.Faces.Analysis;
using Likeness.Vision.Tests.Faces.Detection;

namespace Likeness.Vision.Tests.Faces.Analysis;

public sealed class FaceLocatorTests
{
    private static readonly Lazy<FaceLocator> Default = new(() => FaceLocator.Default(FaceSamples.OpenSession, TestOnnxRuntime.Assets));

    /// <summary>
    /// The people in face-api's six sample photos, counted by eye (sample1: three women; the badge and the dark
    /// sleeve other detectors box there are not faces), which face-api's own pipeline also finds in 2-6.
    /// </summary>
    [Theory]
    [InlineData("sample1.jpg", 3)]
    [InlineData("sample2.jpg", 3)]
    [InlineData("sample3.jpg", 3)]
    [InlineData("sample4.jpg", 4)]
    [InlineData("sample5.jpg", 5)]
    [InlineData("sample6.jpg", 4)]
    public void TheDefaultLocatorFindsEveryPersonInTheSamplePhotosAndNothingElse(string sample, int people)
    {
        var faces = Default.Value.Locate(SsdMobilenetDetectorTests.Sample(sample));

        Assert.Equal(people, faces.Count);
        var areas = faces.Select(f => f.Detection.Width * f.Detection.Height).ToList();
        Assert.Equal(areas.OrderDescending(), areas);
    }
}
