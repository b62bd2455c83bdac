using Likeness.Evaluation.Statistics;

namespace Likeness.Evaluation.Audits;

/// <summary>The false-match rate at each audited threshold over impostor pairs with one face in <paramref name="GroupA"/> and the other in <paramref name="GroupB"/> (equal for same-group pairs).</summary>
public sealed record CrossGroupRates(string Dimension, string GroupA, string GroupB, IReadOnlyList<ErrorRate> FalseMatch);
