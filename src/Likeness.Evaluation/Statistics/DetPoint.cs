namespace Likeness.Evaluation.Statistics;

/// <summary>One point of a detection-error-tradeoff curve: at raw score <paramref name="Threshold"/>, the share of impostor pairs at or above it (FMR) and of genuine pairs below it (FNMR).</summary>
public sealed record DetPoint(double Threshold, double FalseMatchRate, double FalseNonMatchRate);
