namespace Likeness.Vision.Faces.Detection;

/// <summary>
/// Merges the faces several passes over one image found (tiles, or scales of one image): NMS at IoU 0.3,
/// plus dropping a box mostly inside a more confident one.
/// </summary>
/// <remarks>
/// Passes at different scales box the same face differently (a close view sees a face whole, a distant one
/// sees it with its hair), giving nested boxes whose IoU is low; neighbouring faces never nest like that.
/// </remarks>
internal static class PassMerge
{
    private const float IouThreshold = 0.3f;
    private const float MaxCoveredFraction = 0.6f;

    public static List<DetectedFace> Merge(IEnumerable<DetectedFace> candidates)
    {
        var kept = new List<DetectedFace>();
        foreach (var face in candidates.OrderByDescending(f => f.Confidence))
        {
            if (kept.Count == BlazeFaceDetector.MaxFaces) break;
            if (kept.All(k => NonMaximumSuppression.IntersectionOverUnion(k, face) <= IouThreshold && CoveredFraction(k, face) <= MaxCoveredFraction)) kept.Add(face);
        }
        return kept;
    }

    /// <summary>The share of the smaller box's area that lies inside the other.</summary>
    private static float CoveredFraction(DetectedFace a, DetectedFace b)
    {
        var width = Math.Min(a.Left + a.Width, b.Left + b.Width) - Math.Max(a.Left, b.Left);
        var height = Math.Min(a.Top + a.Height, b.Top + b.Height) - Math.Max(a.Top, b.Top);
        if (width <= 0 || height <= 0) return 0;
        var smaller = Math.Min(a.Width * a.Height, b.Width * b.Height);
        return smaller <= 0 ? 0 : width * height / smaller;
    }
}
