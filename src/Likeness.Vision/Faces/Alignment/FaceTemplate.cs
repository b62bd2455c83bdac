using Likeness.Vision.Faces.Landmarks;

namespace Likeness.Vision.Faces.Alignment;

/// <summary>Where the five alignment points of a canonical face lie in a square crop of <see cref="Size"/> pixels.</summary>
public sealed record FaceTemplate(int Size, FivePointLandmarks Points)
{
    /// <summary>
    /// InsightFace's ArcFace template for 112x112 crops (insightface `utils/face_align.py`,
    /// `arcface_dst`), moved by half a pixel from OpenCV's index coordinates into continuous ones.
    /// </summary>
    public static FaceTemplate ArcFace112 { get; } = new(112, new FivePointLandmarks(
        (38.2946 + 0.5, 51.6963 + 0.5), (73.5318 + 0.5, 51.5014 + 0.5), (56.0252 + 0.5, 71.7366 + 0.5),
        (41.5493 + 0.5, 92.3655 + 0.5), (70.7299 + 0.5, 92.2041 + 0.5)));

    /// <summary>
    /// This template for a crop of <paramref name="size"/> pixels; <paramref name="zoom"/> below 1 shows more
    /// of the head around the same centre (0.8: the face takes 80% of the width it takes at 1).
    /// </summary>
    public FaceTemplate Resized(int size, double zoom = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(zoom);
        var factor = (double)size / Size;
        var centre = Size / 2.0;
        (double X, double Y) Map((double X, double Y) p) =>
            ((centre + (p.X - centre) * zoom) * factor, (centre + (p.Y - centre) * zoom) * factor);
        return new(size, new FivePointLandmarks(Map(Points.LeftEye), Map(Points.RightEye), Map(Points.Nose), Map(Points.MouthLeft), Map(Points.MouthRight)));
    }
}
