using Likeness.Imaging;
using Likeness.Vision.Faces.Landmarks;

namespace Likeness.Vision.Tests.Faces.Landmarks;

/// <summary>face-api's landmark68 net on the three faces of sample1.jpg, boxed by BlazeFace.</summary>
public sealed class FaceApiLandmarkDetectorTests
{
    [Fact]
    public void LandmarksFallInsideTheirFaceBox()
    {
        foreach (var (face, landmarks) in FaceSamples.Sample1Faces.Zip(FaceSamples.Sample1Landmarks))
        {
            // Eyes, nose and mouth lie inside BlazeFace's box. Its box is tight at the jaw and axis-aligned,
            // so the jaw line of the face tilted 45 degrees reaches up to 20% of the box's size outside it.
            Assert.All(landmarks.ToFivePoint().Points, p =>
            {
                Assert.InRange(p.X, face.Left, face.Left + face.Width);
                Assert.InRange(p.Y, face.Top, face.Top + face.Height);
            });
            var margin = 0.2 * face.Width;
            Assert.All(landmarks.Points, p =>
            {
                Assert.InRange(p.X, face.Left - margin, face.Left + face.Width + margin);
                Assert.InRange(p.Y, face.Top - margin, face.Top + face.Height + margin);
            });
        }
    }

    [Fact]
    public void EyesAreAboveTheNoseAndTheNoseAboveTheMouth()
    {
        Assert.Equal(3, FaceSamples.Sample1Landmarks.Count);
        foreach (var landmarks in FaceSamples.Sample1Landmarks)
        {
            // "Above" in the face's own frame: one of the three faces is tilted about 45 degrees.
            var five = landmarks.ToFivePoint();
            var (ex, ey) = (five.RightEye.X - five.LeftEye.X, five.RightEye.Y - five.LeftEye.Y);
            double Down((double X, double Y) p) => (-ey * p.X + ex * p.Y) / Math.Sqrt(ex * ex + ey * ey);
            double Across((double X, double Y) p) => (ex * p.X + ey * p.Y) / Math.Sqrt(ex * ex + ey * ey);
            Assert.True(Across(five.MouthLeft) < Across(five.MouthRight));
            Assert.True(Math.Max(Down(five.LeftEye), Down(five.RightEye)) < Down(five.Nose));
            Assert.True(Down(five.Nose) < Math.Min(Down(five.MouthLeft), Down(five.MouthRight)));
        }
    }

    [Fact]
    public void EyeCentresAgreeWithBlazeFacesEyeKeypoints()
    {
        foreach (var (face, landmarks) in FaceSamples.Sample1Faces.Zip(FaceSamples.Sample1Landmarks))
        {
            var five = landmarks.ToFivePoint();
            // Two models, one answer: within 15% of the face width (the tilted face differs by ~12%).
            Assert.InRange(Distance(five.LeftEye, face.Keypoints[0]), 0, 0.15 * face.Width);
            Assert.InRange(Distance(five.RightEye, face.Keypoints[1]), 0, 0.15 * face.Width);
        }
    }

    [Fact]
    public void MirrorAveragedLandmarksOfAMirroredPhotoAreTheMirroredLandmarks()
    {
        var image = FaceSamples.Sample1;
        var face = FaceSamples.Sample1Faces[0];
        var mirrored = new byte[image.Pixels.Length];
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++) Array.Copy(image.Pixels, (y * image.Width + x) * 3, mirrored, (y * image.Width + image.Width - 1 - x) * 3, 3);
        }
        using var session = FaceSamples.OpenSession("faceapi-landmark68");
        var detector = new FaceApiLandmarkDetector(session, averageWithMirror: true);

        var original = detector.Detect(image, face.Left, face.Top, face.Width, face.Height);
        var flipped = detector.Detect(new DecodedImage(image.Width, image.Height, mirrored), image.Width - face.Left - face.Width, face.Top, face.Width, face.Height);

        // The same two network runs in the other order, so the points agree to float rounding (0.01 px);
        // this checks the left/right renumbering: point 36 (an outer eye corner) mirrors to 45.
        var (ox, oy) = original.Points[36];
        var (fx, fy) = flipped.Points[45];
        Assert.Equal(image.Width - ox, fx, 0.01);
        Assert.Equal(oy, fy, 0.01);
        var (nx, _) = original.Points[30];
        Assert.Equal(image.Width - nx, flipped.Points[30].X, 0.01);
    }

    private static double Distance((double X, double Y) a, (float X, float Y) b) => Math.Sqrt(Math.Pow(a.X - b.X, 2) + Math.Pow(a.Y - b.Y, 2));
}
