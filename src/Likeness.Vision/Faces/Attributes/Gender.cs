namespace Likeness.Vision.Faces.Attributes;

/// <summary>Rekognition's Gender: the predicted label and the model's probability of it, 0-100 (always ≥ 50).</summary>
public sealed record Gender(GenderType Value, double Confidence);
