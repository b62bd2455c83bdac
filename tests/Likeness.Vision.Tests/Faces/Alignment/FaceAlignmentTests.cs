using Likeness.Imaging;
using Likeness.Vision.Faces.Alignment;
using Likeness.Vision.Faces.Landmarks;

namespace Likeness.Vision.Tests.Faces.Alignment;

public sealed class FaceAlignmentTests
{
    /// <summary>68 points whose eyes, nose tip and mouth corners sit on the 112 template moved by a known similarity.</summary>
    private static FaceLandmarks68 LandmarksOn(SimilarityTransform templateToPhoto)
    {
        var points = new (double X, double Y)[68];
        for (var i = 0; i < 68; i++) points[i] = templateToPhoto.Apply(40 + i % 30, 40 + i % 40);
        var t = FaceTemplate.ArcFace112.Points;
        for (var i = 36; i < 42; i++) points[i] = templateToPhoto.Apply(t.LeftEye.X, t.LeftEye.Y);
        for (var i = 42; i < 48; i++) points[i] = templateToPhoto.Apply(t.RightEye.X, t.RightEye.Y);
        points[30] = templateToPhoto.Apply(t.Nose.X, t.Nose.Y);
        points[48] = templateToPhoto.Apply(t.MouthLeft.X, t.MouthLeft.Y);
        points[54] = templateToPhoto.Apply(t.MouthRight.X, t.MouthRight.Y);
        return new FaceLandmarks68(points);
    }

    [Fact]
    public void FivePointAlignmentUndoesTheFacesPose()
    {
        var pose = SimilarityTransform.Create(2.5, 0.35, 100, 60);
        var photo = new DecodedImage(400, 400, new byte[400 * 400 * 3]);

        var aligned = FaceAlignment.FivePoint(112).Align(photo, LandmarksOn(pose));

        var expected = pose.Inverse();
        Assert.Equal(expected.Scale, aligned.SourceToCrop.Scale, 9);
        Assert.Equal(expected.Rotation, aligned.SourceToCrop.Rotation, 9);
        Assert.Equal((112, 112), (aligned.Image.Width, aligned.Image.Height));
    }

    [Fact]
    public void ALargerCropScalesTheTemplate()
    {
        var pose = SimilarityTransform.Create(2, 0, 50, 50);
        var photo = new DecodedImage(300, 300, new byte[300 * 300 * 3]);

        var aligned = FaceAlignment.FivePoint(224, zoom: 0.8).Align(photo, LandmarksOn(pose));

        Assert.Equal(0.5 * 2 * 0.8, aligned.SourceToCrop.Scale, 9);
    }

    [Fact]
    public void TheLandmarkBoxIsPaddedSquaredAndUpright()
    {
        var pose = SimilarityTransform.Create(1, 0.2, 0, 0);
        var landmarks = LandmarksOn(pose);
        var (left, top, right, bottom) = landmarks.Bounds();
        var photo = new DecodedImage(200, 200, new byte[200 * 200 * 3]);

        var aligned = FaceAlignment.LandmarkBox(150, 0.2).Align(photo, landmarks);

        var side = Math.Max(right - left, bottom - top) * 1.4;
        Assert.Equal(150 / side, aligned.SourceToCrop.Scale, 9);
        Assert.Equal(0, aligned.SourceToCrop.Rotation, 12);
        var (cx, cy) = aligned.SourceToCrop.Apply((left + right) / 2, (top + bottom) / 2);
        Assert.Equal(75, cx, 9);
        Assert.Equal(75, cy, 9);
    }

    [Fact]
    public void DlibAlignmentPutsTheFiftyOneInnerLandmarksOnDlibsMeanFace()
    {
        var pose = SimilarityTransform.Create(1.8, -0.25, 40, 70);
        var photo = new DecodedImage(400, 400, new byte[400 * 400 * 3]);

        var aligned = FaceAlignment.Dlib(150).Align(photo, MeanFaceIn(pose, _ => 0));

        // The jaw (0-16) is ignored, so the fit is exact.
        var expected = pose.Inverse();
        Assert.Equal(expected.A, aligned.SourceToCrop.A, 9);
        Assert.Equal(expected.B, aligned.SourceToCrop.B, 9);
        Assert.Equal(expected.Tx, aligned.SourceToCrop.Tx, 6);
        Assert.Equal(expected.Ty, aligned.SourceToCrop.Ty, 6);
    }

    [Fact]
    public void DlibChipAlignmentFitsOnlyTheThirtyThreePointsDlibKeeps()
    {
        // The eyebrows (17-26) and lower lip (55-59, 65-67) are moved off the mean face: the 51-point fit follows
        // them, dlib's 33-point fit does not.
        var pose = SimilarityTransform.Create(1.8, -0.25, 40, 70);
        var photo = new DecodedImage(400, 400, new byte[400 * 400 * 3]);
        var landmarks = MeanFaceIn(pose, i => i is (>= 17 and <= 26) or (>= 55 and <= 59) or (>= 65 and <= 67) ? -12 : 0);

        var chip = FaceAlignment.DlibChip(150).Align(photo, landmarks);
        var all = FaceAlignment.Dlib(150).Align(photo, landmarks);

        Assert.Equal(33, DlibMeanFace.ChipPoints.Count);
        var expected = pose.Inverse();
        Assert.Equal(expected.A, chip.SourceToCrop.A, 9);
        Assert.Equal(expected.B, chip.SourceToCrop.B, 9);
        Assert.Equal(expected.Tx, chip.SourceToCrop.Tx, 6);
        Assert.Equal(expected.Ty, chip.SourceToCrop.Ty, 6);
        Assert.True(Math.Abs(expected.Ty - all.SourceToCrop.Ty) > 1, "the 51-point fit should follow the moved points");
    }

    // dlib's mean face for points 17-67 (a 150 px chip, padding 0.25) seen through pose, point i moved down by
    // shift(i) chip pixels first; the jaw (0-16) is a line the dlib fits never read.
    private static FaceLandmarks68 MeanFaceIn(SimilarityTransform pose, Func<int, double> shift)
    {
        var template = DlibMeanFace.Points(150, 0.25);
        var points = new (double X, double Y)[68];
        for (var i = 0; i < 68; i++)
        {
            var (x, y) = i < DlibMeanFace.FirstPoint ? (i * 9.0, 10.0) : template[i - DlibMeanFace.FirstPoint];
            points[i] = pose.Apply(x, y + shift(i));
        }
        return new FaceLandmarks68(points);
    }

    [Theory]
    [InlineData("dlib0.25")]
    [InlineData("chip0.25")]
    [InlineData("5pt")]
    [InlineData("5pt@0.8")]
    [InlineData("box0.2")]
    public void NamesParseBackToTheSameAlignment(string name) => Assert.Equal(name, FaceAlignment.Parse(name, 112).Name);

    [Fact]
    public void AnUnknownAlignmentNameIsRefused() => Assert.Throws<FormatException>(() => FaceAlignment.Parse("7pt", 112));
}
