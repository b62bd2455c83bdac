using Likeness.Vision.Faces.Alignment;
using Likeness.Vision.Faces.Landmarks;

namespace Likeness.Vision.Tests.Faces.Pose;

/// <summary>A frontal 68-point face built from dlib's mean face, which the pose estimator treats as frontal by definition.</summary>
internal static class SyntheticFace
{
    /// <summary>The mean face scaled to <paramref name="size"/> px, jaw points on a symmetric arc, then turned by <paramref name="rollDegrees"/> about the origin and moved by (dx, dy).</summary>
    public static FaceLandmarks68 Frontal(double size = 200, double rollDegrees = 0, double dx = 500, double dy = 400)
    {
        var points = new (double X, double Y)[68];
        // Jaw 0-16: a half-ellipse about the mean face's midline (x = 0.490127), ear level to chin.
        for (var k = 0; k <= 16; k++)
        {
            var angle = Math.PI * k / 16;
            points[k] = (0.490127 - 0.55 * Math.Cos(angle), 0.25 + 0.75 * Math.Sin(angle));
        }
        for (var k = DlibMeanFace.FirstPoint; k < 68; k++) points[k] = (DlibMeanFace.X[k - DlibMeanFace.FirstPoint], DlibMeanFace.Y[k - DlibMeanFace.FirstPoint]);
        var turn = SimilarityTransform.Create(size, rollDegrees * Math.PI / 180, dx, dy);
        return new FaceLandmarks68(points.Select(p => turn.Apply(p.X, p.Y)).ToList());
    }

    /// <summary>A copy of <paramref name="face"/> with some points moved.</summary>
    public static FaceLandmarks68 Moved(FaceLandmarks68 face, IEnumerable<int> indices, double dx, double dy)
    {
        var points = face.Points.ToArray();
        foreach (var i in indices) points[i] = (points[i].X + dx, points[i].Y + dy);
        return new FaceLandmarks68(points);
    }
}
