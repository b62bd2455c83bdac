namespace Likeness.Vision.Faces.Attributes;

/// <summary>Rekognition's AgeRange: the estimated age in whole years, Low ≤ High.</summary>
public sealed record AgeRange(int Low, int High);
