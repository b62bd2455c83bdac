namespace Likeness.Collections.Results;

/// <summary>What re-indexing a collection with the current model did: faces re-embedded (same FaceIds), and faces removed because the new detector no longer finds them in their image.</summary>
public sealed record ReindexResult(string FaceModelVersion, int Images, IReadOnlyList<string> ReindexedFaces, IReadOnlyList<string> RemovedFaces);
