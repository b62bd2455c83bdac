namespace Likeness.Evaluation.Audits;

/// <summary>The false matches of the probes in one group (dimension `all` for every probe), at each threshold.</summary>
public sealed record FalseMatchGroup(string Dimension, string Group, int Probes, IReadOnlyList<FalseMatchCount> PerThreshold);
