namespace Likeness.Vision.Faces.Attributes;

/// <summary>Rekognition's Emotion: a type and the expression net's probability of it, 0-100.</summary>
public sealed record Emotion(EmotionType Type, double Confidence);
