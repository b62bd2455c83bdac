using Likeness.Vision.Faces.Landmarks;

namespace Likeness.Vision.Faces.Analysis;

/// <summary>
/// Rekognition's landmark types read off the 68-point (300-W) markup. Left and right are as seen in
/// the image, as in Rekognition's own output (eyeLeft has the smaller X). leftPupil and rightPupil are
/// not given: no model in the pipeline locates pupils (the `iris` model could; it is not wired yet).
/// </summary>
public static class RekognitionLandmarks
{
    // Each type and the 300-W points whose mean it is. Eye and brow corners and the jaw points are
    // single points; "up"/"down" of an eye is the mean of its two upper/lower lid points.
    private static readonly (string Type, int[] Points)[] Map =
    [
        ("eyeLeft", [36, 37, 38, 39, 40, 41]),
        ("eyeRight", [42, 43, 44, 45, 46, 47]),
        ("nose", [30]),
        ("mouthLeft", [48]),
        ("mouthRight", [54]),
        ("leftEyeBrowLeft", [17]),
        ("leftEyeBrowRight", [21]),
        ("leftEyeBrowUp", [19]),
        ("rightEyeBrowLeft", [22]),
        ("rightEyeBrowRight", [26]),
        ("rightEyeBrowUp", [24]),
        ("leftEyeLeft", [36]),
        ("leftEyeRight", [39]),
        ("leftEyeUp", [37, 38]),
        ("leftEyeDown", [40, 41]),
        ("rightEyeLeft", [42]),
        ("rightEyeRight", [45]),
        ("rightEyeUp", [43, 44]),
        ("rightEyeDown", [46, 47]),
        ("noseLeft", [31]),
        ("noseRight", [35]),
        ("mouthUp", [51]),
        ("mouthDown", [57]),
        ("upperJawlineLeft", [0]),
        ("midJawlineLeft", [4]),
        ("chinBottom", [8]),
        ("midJawlineRight", [12]),
        ("upperJawlineRight", [16]),
    ];

    /// <summary>The landmark type names given, in the order <see cref="From"/> returns them.</summary>
    public static IReadOnlyList<string> Types { get; } = Map.Select(m => m.Type).ToArray();

    /// <summary>The landmarks as ratios of an image of the given size.</summary>
    public static IReadOnlyList<FaceLandmark> From(FaceLandmarks68 landmarks, int imageWidth, int imageHeight)
    {
        ArgumentNullException.ThrowIfNull(landmarks);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageHeight);
        var result = new FaceLandmark[Map.Length];
        for (var i = 0; i < Map.Length; i++)
        {
            var (type, points) = Map[i];
            var x = points.Average(p => landmarks.Points[p].X);
            var y = points.Average(p => landmarks.Points[p].Y);
            result[i] = new FaceLandmark(type, x / imageWidth, y / imageHeight);
        }
        return result;
    }
}
