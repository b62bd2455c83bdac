namespace Likeness.Vision.Faces.Similarity;

/// <summary>One row of a calibration table: the raw score at which a Similarity begins, and the false-match rate it stands for.</summary>
/// <param name="Similarity">Rekognition-style Similarity, 0-100.</param>
/// <param name="RawScore">The model's raw score (higher = more alike) that maps to <paramref name="Similarity"/>.</param>
/// <param name="FalseMatchRate">The fraction of impostor pairs (different people) scoring at least <paramref name="RawScore"/>.</param>
/// <param name="ImpostorsAtOrAbove">How many of the fitting set's impostor pairs scored at least <paramref name="RawScore"/> (measured rows), or the count the rate implies (extrapolated rows).</param>
/// <param name="Extrapolated">True where the fitting set had too few impostors this high to measure the rate, and the raw score comes from the table's tail model.</param>
public sealed record SimilarityCalibrationPoint(double Similarity, double RawScore, double FalseMatchRate, double ImpostorsAtOrAbove, bool Extrapolated);
