using Likeness.Vision.Faces.Analysis;

namespace Likeness.Collections;

/// <summary>
/// What each <see cref="QualityFilter"/> level demands of a face, and the Rekognition reasons a face
/// falls short. The limits are set on the quantities DetectFaces reports (docs/COLLECTIONS.md): box side
/// in pixels (the detector's recall falls below 20 px and Rekognition documents 40 px as its floor),
/// detector confidence (the default threshold is 69), Quality.Sharpness and Brightness (0-100; the
/// faces of face-api's sample photos score 48-75 sharpness, dark blurred non-faces below 5), and head
/// yaw and pitch (the landmark net and the embedder degrade past about 45-60 degrees).
/// </summary>
public sealed record QualityBar(double MinSidePixels, double MinConfidence, double MinSharpness, double MinBrightness, double MaxBrightness, double MaxYawOrPitch)
{
    public static QualityBar Low { get; } = new(20, 0, 5, 5, 99, 75);

    public static QualityBar Medium { get; } = new(40, 75, 15, 12, 97, 60);

    public static QualityBar High { get; } = new(60, 85, 30, 20, 95, 45);

    /// <summary>The bar of a filter level; null for NONE.</summary>
    public static QualityBar? For(QualityFilter filter) => filter switch
    {
        QualityFilter.None => null,
        QualityFilter.Low => Low,
        QualityFilter.Auto or QualityFilter.Medium => Medium,
        QualityFilter.High => High,
        _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, null),
    };

    /// <summary>Rekognition's Reason values (EXTREME_POSE, LOW_BRIGHTNESS, ...) for each limit the face misses; empty when it passes.</summary>
    public IReadOnlyList<string> Reasons(FaceDetail face, int imageWidth, int imageHeight)
    {
        ArgumentNullException.ThrowIfNull(face);
        var reasons = new List<string>();
        var side = Math.Min(face.BoundingBox.Width * imageWidth, face.BoundingBox.Height * imageHeight);
        if (Math.Abs(face.Pose.Yaw) > MaxYawOrPitch || Math.Abs(face.Pose.Pitch) > MaxYawOrPitch) reasons.Add("EXTREME_POSE");
        if (face.Quality.Brightness < MinBrightness || face.Quality.Brightness > MaxBrightness) reasons.Add("LOW_BRIGHTNESS");
        if (face.Quality.Sharpness < MinSharpness) reasons.Add("LOW_SHARPNESS");
        if (face.Confidence < MinConfidence) reasons.Add("LOW_CONFIDENCE");
        if (side < MinSidePixels) reasons.Add("SMALL_BOUNDING_BOX");
        return reasons;
    }
}
