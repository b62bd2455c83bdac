using Likeness.Vision.Faces.Pose;

namespace Likeness.Vision.Tests.Faces.Pose;

public sealed class HeadPoseEstimatorTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    [InlineData(-30)]
    [InlineData(60)]
    public void ARolledFrontalFaceGivesThatRollAndNoYawOrPitch(double roll)
    {
        var pose = HeadPoseEstimator.Estimate(SyntheticFace.Frontal(rollDegrees: roll));

        Assert.Equal(roll, pose.Roll, 1e-6);
        Assert.Equal(0, pose.Yaw, 1e-6);
        Assert.Equal(0, pose.Pitch, 1e-6);
    }

    [Fact]
    public void RollDoesNotLeakIntoYawOrPitch()
    {
        var upright = HeadPoseEstimator.Estimate(SyntheticFace.Moved(SyntheticFace.Frontal(), [30], 20, -10));
        var face = SyntheticFace.Frontal(rollDegrees: 35);
        var turnedNose = SyntheticFace.Moved(face, [], 0, 0);
        // Move the nose by the same (20, -10) in the face's own frame, i.e. turned by 35 degrees.
        var angle = 35 * Math.PI / 180;
        var moved = SyntheticFace.Moved(turnedNose, [30], 20 * Math.Cos(angle) + 10 * Math.Sin(angle), 20 * Math.Sin(angle) - 10 * Math.Cos(angle));

        var rolled = HeadPoseEstimator.Estimate(moved);

        Assert.Equal(upright.Yaw, rolled.Yaw, 1e-6);
        Assert.Equal(upright.Pitch, rolled.Pitch, 1e-6);
    }

    [Fact]
    public void ANoseTowardsTheImagesRightGivesPositiveYaw()
    {
        var pose = HeadPoseEstimator.Estimate(SyntheticFace.Moved(SyntheticFace.Frontal(), [30], 30, 0));

        Assert.True(pose.Yaw > 5, $"yaw {pose.Yaw}");
        Assert.Equal(0, pose.Pitch, 1e-6);
    }

    [Fact]
    public void ANoseTipNearerTheEyesGivesPositivePitch()
    {
        var up = HeadPoseEstimator.Estimate(SyntheticFace.Moved(SyntheticFace.Frontal(), [30], 0, -20));
        var down = HeadPoseEstimator.Estimate(SyntheticFace.Moved(SyntheticFace.Frontal(), [30], 0, 20));

        Assert.True(up.Pitch > 5, $"pitch {up.Pitch}");
        Assert.True(down.Pitch < -5, $"pitch {down.Pitch}");
    }

    [Fact]
    public void TheFaceSizeDoesNotChangeThePose()
    {
        var small = HeadPoseEstimator.Estimate(SyntheticFace.Moved(SyntheticFace.Frontal(size: 50), [30], 5, 3));
        var large = HeadPoseEstimator.Estimate(SyntheticFace.Moved(SyntheticFace.Frontal(size: 400), [30], 40, 24));

        Assert.Equal(small.Yaw, large.Yaw, 1e-6);
        Assert.Equal(small.Pitch, large.Pitch, 1e-6);
    }
}
