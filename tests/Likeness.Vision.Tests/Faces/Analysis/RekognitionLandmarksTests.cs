using Likeness.Vision.Faces.Analysis;
using Likeness.Vision.Tests.Faces.Pose;

namespace Likeness.Vision.Tests.Faces.Analysis;

public sealed class RekognitionLandmarksTests
{
    [Fact]
    public void EachTypeIsGivenOnceAndPupilsAreNotInvented()
    {
        Assert.Equal(RekognitionLandmarks.Types.Count, RekognitionLandmarks.Types.Distinct().Count());
        Assert.DoesNotContain("leftPupil", RekognitionLandmarks.Types);
        Assert.DoesNotContain("rightPupil", RekognitionLandmarks.Types);
        Assert.Equal(28, RekognitionLandmarks.Types.Count);
    }

    [Fact]
    public void LandmarksAreRatiosOfTheImageWithLeftAsSeenInTheImage()
    {
        var face = SyntheticFace.Frontal(size: 200, dx: 500, dy: 400);

        var landmarks = RekognitionLandmarks.From(face, 1000, 800).ToDictionary(l => l.Type);

        Assert.Equal(face.Points[30].X / 1000, landmarks["nose"].X, 1e-12);
        Assert.Equal(face.Points[30].Y / 800, landmarks["nose"].Y, 1e-12);
        Assert.True(landmarks["eyeLeft"].X < landmarks["eyeRight"].X);
        Assert.True(landmarks["mouthLeft"].X < landmarks["mouthRight"].X);
        Assert.True(landmarks["leftEyeUp"].Y < landmarks["leftEyeDown"].Y);
        Assert.True(landmarks["chinBottom"].Y > landmarks["mouthDown"].Y);
    }
}
