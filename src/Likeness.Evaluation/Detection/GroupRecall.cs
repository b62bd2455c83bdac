namespace Likeness.Evaluation.Detection;

/// <summary>Recall of one group of faces (a size band, a skin type, ...) at each operating point, with Wilson 95% intervals.</summary>
public sealed record GroupRecall(string Category, string Group, int Faces, IReadOnlyList<RecallPoint> Points);
