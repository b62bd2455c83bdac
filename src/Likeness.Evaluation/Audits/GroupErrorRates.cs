using Likeness.Evaluation.Statistics;

namespace Likeness.Evaluation.Audits;

/// <summary>
/// One demographic group's error rates at each audited threshold: the false-match rate over impostor pairs
/// with both faces in the group, and the false-non-match rate over its mated pairs (empty when the data
/// has no mated pairs, e.g. UTKFace, where every image is a different person).
/// </summary>
public sealed record GroupErrorRates(string Dimension, string Group, int Faces, IReadOnlyList<ErrorRate> FalseMatch, IReadOnlyList<ErrorRate> FalseNonMatch);
