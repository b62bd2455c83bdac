namespace Likeness.Evaluation.Verification;

/// <summary>One embedder's LFW verification figures.</summary>
/// <param name="ModelId">The embedder (model/alignment, or a `+`-joined combination).</param>
/// <param name="Dimension">The embedding's length.</param>
/// <param name="KFold">Accuracy per fold with the threshold chosen on the others.</param>
/// <param name="Roc">TAR at the reported FARs, all pairs pooled.</param>
/// <param name="ImagesWithoutFace">Images where no face was found.</param>
/// <param name="PairsWithMissingFace">Pairs with such an image; each is called "different" (a mismatch).</param>
/// <param name="MedianMsPerEmbedding">Median wall time of one embedding (crop + network), not counting detection and landmarks.</param>
public sealed record VerificationModelResult(
    string ModelId,
    int Dimension,
    KFoldResult KFold,
    IReadOnlyList<RocPoint> Roc,
    int ImagesWithoutFace,
    int PairsWithMissingFace,
    double MedianMsPerEmbedding,
    IReadOnlyList<Likeness.Evaluation.Statistics.DetPoint> Det);
