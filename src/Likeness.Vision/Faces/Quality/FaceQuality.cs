namespace Likeness.Vision.Faces.Quality;

/// <summary>Rekognition's ImageQuality for one face: Brightness and Sharpness, each 0-100 (definitions in <see cref="FaceQualityEstimator"/>).</summary>
public sealed record FaceQuality(double Brightness, double Sharpness);
