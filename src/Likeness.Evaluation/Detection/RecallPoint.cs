namespace Likeness.Evaluation.Detection;

/// <summary>Faces found of those in a group at one FPPI operating point, and the recall's Wilson 95% interval.</summary>
public sealed record RecallPoint(double TargetFppi, int Found, double Recall, double Lower, double Upper);
