namespace Likeness.Vision.Faces.Landmarks;

/// <summary>
/// The 68 points of the iBUG 300-W markup (jaw 0-16, brows 17-26, nose 27-35, eyes 36-47, mouth 48-67),
/// in source pixels (continuous coordinates).
/// </summary>
public sealed class FaceLandmarks68
{
    public const int Count = 68;

    /// <summary>Wraps 68 points (copied).</summary>
    public FaceLandmarks68(IReadOnlyList<(double X, double Y)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count != Count) throw new ArgumentException($"Expected {Count} points, got {points.Count}.", nameof(points));
        Points = points.ToArray();
    }

    /// <summary>The points in 300-W order.</summary>
    public IReadOnlyList<(double X, double Y)> Points { get; }

    /// <summary>Eye centres (mean of each eye's six contour points), nose tip (30) and mouth corners (48, 54).</summary>
    public FivePointLandmarks ToFivePoint() => new(Mean(36, 42), Mean(42, 48), Points[30], Points[48], Points[54]);

    /// <summary>The smallest axis-aligned box holding every point.</summary>
    public (double Left, double Top, double Right, double Bottom) Bounds() =>
        (Points.Min(p => p.X), Points.Min(p => p.Y), Points.Max(p => p.X), Points.Max(p => p.Y));

    private (double X, double Y) Mean(int from, int to)
    {
        double x = 0, y = 0;
        for (var i = from; i < to; i++)
        {
            x += Points[i].X;
            y += Points[i].Y;
        }
        return (x / (to - from), y / (to - from));
    }
}
