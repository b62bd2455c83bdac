namespace Likeness.Evaluation.Audits;

/// <summary>One false match: the probe image, the gallery image it was matched to, and their Similarity.</summary>
public sealed record FalseMatchExample(string Probe, string Gallery, double Similarity);
