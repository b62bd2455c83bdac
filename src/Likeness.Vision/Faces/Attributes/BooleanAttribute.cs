namespace Likeness.Vision.Faces.Attributes;

/// <summary>A yes/no attribute (Rekognition's Smile, EyeOpen, MouthOpen): the value and the confidence in it, 50-100.</summary>
public sealed record BooleanAttribute(bool Value, double Confidence);
