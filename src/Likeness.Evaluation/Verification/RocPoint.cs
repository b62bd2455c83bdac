namespace Likeness.Evaluation.Verification;

/// <summary>
/// One operating point: at <see cref="Threshold"/> (same iff score &gt; threshold) the true accept rate
/// over genuine pairs and the false accept rate over impostor pairs. <see cref="Resolvable"/> is
/// false when there are too few impostor pairs for the target FAR to allow even one false accept.
/// </summary>
public sealed record RocPoint(double TargetFar, double Threshold, double Tar, double Far, int Genuine, int Impostors, bool Resolvable);
