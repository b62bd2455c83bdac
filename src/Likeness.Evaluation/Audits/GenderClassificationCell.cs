using Likeness.Evaluation.Statistics;

namespace Likeness.Evaluation.Audits;

/// <summary>A Gender Shades cell (Buolamwini and Gebru 2018): the gender classifier's error rate over the faces labelled <paramref name="Gender"/> and <paramref name="Group"/>, and how many had no face found.</summary>
public sealed record GenderClassificationCell(string Gender, string Group, int Faces, int NotFound, ErrorRate Error);
