namespace Likeness.Vision.Faces.Attributes;

/// <summary>The attributes Likeness can honestly estimate for one face (see docs/ATTRIBUTES.md for what is omitted and why).</summary>
public sealed record FaceAttributes(
    AgeRange AgeRange,
    Gender Gender,
    IReadOnlyList<Emotion> Emotions,
    BooleanAttribute Smile,
    BooleanAttribute EyesOpen,
    BooleanAttribute MouthOpen);
