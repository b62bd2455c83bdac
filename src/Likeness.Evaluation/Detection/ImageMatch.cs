namespace Likeness.Evaluation.Detection;

/// <summary>
/// One image's matching: for each annotated face (file order) the confidence of the detection that
/// found it, or null; the confidences of the false positives; how many detections fell on ignored faces.
/// </summary>
public sealed record ImageMatch(IReadOnlyList<float?> MatchedConfidence, IReadOnlyList<float> FalsePositives, int Ignored);
