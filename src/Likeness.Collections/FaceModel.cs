using Likeness.Vision.Faces.Embedding;
using Likeness.Vision.Faces.Similarity;

namespace Likeness.Collections;

/// <summary>
/// The face model a collection is bound to: Rekognition's FaceModelVersion, the embedder behind it, how
/// its vectors compare and the calibration that turns their distance into Similarity. A collection keeps
/// the version it was created with; vectors of another model are never mixed into it.
/// </summary>
public sealed record FaceModel(string Version, string EmbedderModelId, FaceSimilarityMetric Metric, SimilarityCalibration Calibration)
{
    /// <summary>Version 1.0: face-api's dlib ResNet in float on dlib's chip, mirror-averaged, with its shipped calibration; the default until 2026-12-07.</summary>
    public static FaceModel Version1 { get; } = Of("1.0", FaceEmbedderSpec.FaceApiRecognition);

    /// <summary>
    /// Version 2.0: face-api's dlib ResNet quantised to 8 bits, on dlib's chip, mirror-averaged (docs/ACCURACY.md), with its
    /// shipped calibration. A 1.0 collection is re-indexed to be searched with it (docs/COLLECTIONS.md), or served by a
    /// server started with version 1.0, since the two models' vectors are not comparable.
    /// </summary>
    public static FaceModel Default { get; } = Of("2.0", FaceEmbedderSpec.Default);

    /// <summary>Every version a server can run, oldest first.</summary>
    public static IReadOnlyList<FaceModel> All { get; } = [Version1, Default];

    /// <summary>The version named <paramref name="version"/>, or null.</summary>
    public static FaceModel? TryFind(string version) => All.FirstOrDefault(m => m.Version == version);

    /// <summary>The version named <paramref name="version"/>; ArgumentException naming the versions there are otherwise.</summary>
    public static FaceModel Find(string version) =>
        TryFind(version) ?? throw new ArgumentException($"There is no face model '{version}'; the versions are {string.Join(" and ", All.Select(m => m.Version))}.", nameof(version));

    /// <summary>The shipped embedder that makes this model's vectors (looked up by <see cref="EmbedderModelId"/>; a server opens it once).</summary>
    public FaceEmbedderSpec Embedder => FaceEmbedderSpec.All.First(s => s.ModelId == EmbedderModelId);

    /// <summary>The raw score (as <see cref="FaceSimilarity.Compare"/> gives it) of two vectors at Euclidean <paramref name="distance"/>.</summary>
    public double RawScore(double distance) => Metric == FaceSimilarityMetric.Cosine
        ? 1 - distance * distance / 2 // unit vectors: |a-b|² = 2 - 2 cos
        : 1 / (1 + distance);

    /// <summary>Similarity 0-100 of two vectors at Euclidean <paramref name="distance"/>.</summary>
    public double Similarity(double distance) => Calibration.Similarity(RawScore(distance));

    private static FaceModel Of(string version, FaceEmbedderSpec embedder) =>
        new(version, embedder.ModelId, embedder.Metric, SimilarityCalibration.ForModel(embedder.ModelId));
}
