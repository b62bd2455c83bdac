namespace Likeness.Vision.Faces.Attributes;

/// <summary>
/// Rekognition's EmotionName values that a shipped model estimates. CONFUSED and UNKNOWN have no
/// source (face-api's expression net has no such class) and are left out rather than invented.
/// </summary>
public enum EmotionType
{
    HAPPY,
    SAD,
    ANGRY,
    DISGUSTED,
    SURPRISED,
    CALM,
    FEAR,
}
