namespace Likeness.Evaluation.Detection;

/// <summary>One detector's result on a WIDER FACE split: operating points, recall per group, and the median detection time per image.</summary>
public sealed record DetectionEvaluation(
    string Detector,
    int Images,
    int Faces,
    int IgnoredFaces,
    double MedianMsPerImage,
    IReadOnlyList<FppiOperatingPoint> OperatingPoints,
    IReadOnlyList<GroupRecall> Groups);
