namespace Likeness.Vision.Faces.Analysis;

/// <summary>Rekognition's Landmark: a type name from its LandmarkType enum and X, Y as ratios of the image's width and height.</summary>
public sealed record FaceLandmark(string Type, double X, double Y);
