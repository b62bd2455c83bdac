namespace Likeness.Evaluation.Audits;

/// <summary>A false-match rate measured at one Similarity threshold.</summary>
public sealed record SimilarityRate(double Similarity, double FalseMatchRate);
