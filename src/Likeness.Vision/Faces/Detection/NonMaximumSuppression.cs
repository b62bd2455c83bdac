namespace Likeness.Vision.Faces.Detection;

/// <summary>Greedy non-maximum suppression: keep the most confident box, drop those overlapping it.</summary>
public static class NonMaximumSuppression
{
    public static IReadOnlyList<DetectedFace> Apply(IEnumerable<DetectedFace> candidates, float iouThreshold, int maxFaces)
    {
        var kept = new List<DetectedFace>();
        foreach (var face in candidates.OrderByDescending(f => f.Confidence))
        {
            if (kept.Count == maxFaces) break;
            if (kept.All(k => IntersectionOverUnion(k, face) <= iouThreshold)) kept.Add(face);
        }
        return kept;
    }

    public static float IntersectionOverUnion(DetectedFace a, DetectedFace b)
    {
        var left = Math.Max(a.Left, b.Left);
        var top = Math.Max(a.Top, b.Top);
        var right = Math.Min(a.Left + a.Width, b.Left + b.Width);
        var bottom = Math.Min(a.Top + a.Height, b.Top + b.Height);
        var intersection = Math.Max(0, right - left) * Math.Max(0, bottom - top);
        var union = a.Width * a.Height + b.Width * b.Height - intersection;
        return union <= 0 ? 0 : intersection / union;
    }
}
