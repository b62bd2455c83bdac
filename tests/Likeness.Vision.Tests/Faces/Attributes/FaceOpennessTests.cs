using Likeness.Vision.Faces.Attributes;
using Likeness.Vision.Tests.Faces.Pose;

namespace Likeness.Vision.Tests.Faces.Attributes;

public sealed class FaceOpennessTests
{
    [Fact]
    public void TheMeanFaceHasOpenEyesAndAClosedMouth()
    {
        var face = SyntheticFace.Frontal();

        Assert.True(FaceOpenness.EyesOpen(face).Value, $"EAR {FaceOpenness.EyeAspectRatio(face):F3}");
        Assert.False(FaceOpenness.MouthOpen(face).Value, $"MAR {FaceOpenness.MouthAspectRatio(face):F3}");
    }

    [Fact]
    public void LidsBroughtTogetherCloseTheEyes()
    {
        var face = SyntheticFace.Frontal();
        var p = face.Points;
        // Each eye's upper lid (37, 38 / 43, 44) moved onto its lower lid (41, 40 / 47, 46).
        var closed = SyntheticFace.Moved(face, [37, 38, 43, 44], 0, p[41].Y - p[37].Y);

        var eyes = FaceOpenness.EyesOpen(closed);

        Assert.False(eyes.Value, $"EAR {FaceOpenness.EyeAspectRatio(closed):F3}");
        Assert.InRange(eyes.Confidence, 50.0, 100.0);
    }

    [Fact]
    public void ALowerLipMovedDownOpensTheMouth()
    {
        var face = SyntheticFace.Frontal(size: 200);
        var open = SyntheticFace.Moved(face, [65, 66, 67, 55, 56, 57, 58, 59], 0, 25);

        Assert.True(FaceOpenness.MouthOpen(open).Value, $"MAR {FaceOpenness.MouthAspectRatio(open):F3}");
    }

    [Fact]
    public void ConfidenceGrowsWithTheDistanceFromTheThresholdUpToNinetyNine()
    {
        var face = SyntheticFace.Frontal(size: 200);
        var slightly = SyntheticFace.Moved(face, [65, 66, 67], 0, 6);
        var wide = SyntheticFace.Moved(face, [65, 66, 67], 0, 30);

        Assert.True(FaceOpenness.MouthOpen(slightly).Value && FaceOpenness.MouthOpen(wide).Value,
            $"MAR {FaceOpenness.MouthAspectRatio(slightly):F3}, {FaceOpenness.MouthAspectRatio(wide):F3}");
        Assert.True(FaceOpenness.MouthOpen(slightly).Confidence < FaceOpenness.MouthOpen(wide).Confidence);
        Assert.Equal(99, FaceOpenness.MouthOpen(wide).Confidence, 1e-9);
    }
}
