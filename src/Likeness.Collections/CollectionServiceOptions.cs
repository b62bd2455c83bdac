using Likeness.Vectors;

namespace Likeness.Collections;

/// <summary>Settings of a <see cref="CollectionService"/>.</summary>
public sealed record CollectionServiceOptions
{
    /// <summary>The region written into collection ARNs.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Tuning of the per-collection vector indexes (null: the index's defaults).</summary>
    public VectorIndexOptions? Index { get; init; }

    /// <summary>The collection tag that opts a collection into keeping source images, which re-indexing after a model change needs.</summary>
    public const string StoreImagesTag = "likeness:store-images";
}
