using Likeness.Vision.Faces.Landmarks;

namespace Likeness.Vision.Faces.Attributes;

/// <summary>
/// Eyes open and mouth open from the 68 landmarks' aspect ratios: no model is trained for them, and
/// the ratio is the standard blink measure (Soukupová and Čech, "Real-Time Eye Blink Detection using
/// Facial Landmarks", CVWW 2016).
/// </summary>
/// <remarks>
/// Eye aspect ratio (EAR) = (|p2−p6| + |p3−p5|) / (2 |p1−p4|) over each eye's six points, averaged over
/// both eyes; open above <see cref="EyeOpenThreshold"/> (the paper's 0.2 region, where open eyes sit
/// near 0.3 and closed ones near 0.1). Mouth aspect ratio (MAR) = the inner lips' opening (61-67,
/// 62-66, 63-65 averaged) / the inner mouth's width (60-64); open above <see cref="MouthOpenThreshold"/>.
/// Confidence grows linearly with the distance from the threshold and reaches 99 at
/// <see cref="FullConfidenceDistance"/> of the threshold away; at the threshold it is 50.
/// </remarks>
public static class FaceOpenness
{
    /// <summary>EAR above which the eyes count as open.</summary>
    public const double EyeOpenThreshold = 0.2;

    /// <summary>MAR above which the mouth counts as open (lips visibly apart).</summary>
    public const double MouthOpenThreshold = 0.15;

    /// <summary>Distance from a threshold, as a fraction of it, at which confidence reaches 99.</summary>
    public const double FullConfidenceDistance = 0.5;

    /// <summary>Mean eye aspect ratio of the two eyes.</summary>
    public static double EyeAspectRatio(FaceLandmarks68 landmarks)
    {
        ArgumentNullException.ThrowIfNull(landmarks);
        var p = landmarks.Points;
        return (Eye(p, 36) + Eye(p, 42)) / 2;
    }

    /// <summary>Inner-lip opening over inner-mouth width.</summary>
    public static double MouthAspectRatio(FaceLandmarks68 landmarks)
    {
        ArgumentNullException.ThrowIfNull(landmarks);
        var p = landmarks.Points;
        var width = Distance(p[60], p[64]);
        if (width <= 0) return 0;
        return (Distance(p[61], p[67]) + Distance(p[62], p[66]) + Distance(p[63], p[65])) / (3 * width);
    }

    /// <summary>Whether the eyes are open, with a confidence 50-99.</summary>
    public static BooleanAttribute EyesOpen(FaceLandmarks68 landmarks) => Decide(EyeAspectRatio(landmarks), EyeOpenThreshold);

    /// <summary>Whether the mouth is open, with a confidence 50-99.</summary>
    public static BooleanAttribute MouthOpen(FaceLandmarks68 landmarks) => Decide(MouthAspectRatio(landmarks), MouthOpenThreshold);

    private static BooleanAttribute Decide(double ratio, double threshold)
    {
        var distance = Math.Abs(ratio - threshold) / (threshold * FullConfidenceDistance);
        return new BooleanAttribute(ratio > threshold, 50 + 49 * Math.Min(1, distance));
    }

    private static double Eye(IReadOnlyList<(double X, double Y)> p, int first)
    {
        var width = Distance(p[first], p[first + 3]);
        if (width <= 0) return 0;
        return (Distance(p[first + 1], p[first + 5]) + Distance(p[first + 2], p[first + 4])) / (2 * width);
    }

    private static double Distance((double X, double Y) a, (double X, double Y) b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));
}
