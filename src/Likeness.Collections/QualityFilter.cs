namespace Likeness.Collections;

/// <summary>Rekognition's QualityFilter: how strictly IndexFaces and the image searches drop poor detections.</summary>
public enum QualityFilter
{
    /// <summary>No filtering.</summary>
    None,

    /// <summary>The service chooses: Likeness uses <see cref="Medium"/>.</summary>
    Auto,

    /// <summary>Drops only the clearly unusable.</summary>
    Low,

    /// <summary>The bar for general use.</summary>
    Medium,

    /// <summary>For galleries that must hold only clear, frontal faces.</summary>
    High,
}
