namespace Likeness.Vectors;

/// <summary>
/// Tuning knobs of a <see cref="VectorIndex"/>. They are saved with the index and restored by
/// <see cref="VectorIndex.Open(string)"/>; the defaults are the ones measured in docs/PERFORMANCE.md.
/// </summary>
public sealed class VectorIndexOptions
{
    /// <summary>Above this many vectors a search scans only the <see cref="Probes"/> nearest lists; at or below it every vector is scanned.</summary>
    /// <remarks>
    /// 2M because the exact int8 scan stays within the 10 ms budget at 1M on a 2-core EPYC with recall 1.0 on
    /// any data, while probing lists loses recall on isotropic data (docs/PERFORMANCE.md, "Vector index").
    /// </remarks>
    public int ApproximateAbove { get; init; } = 2_000_000;

    /// <summary>Inverted lists scanned per search in approximate mode (the nearest by centroid).</summary>
    public int Probes { get; init; } = 48;

    /// <summary>A list that grows past this many vectors is split in two by 2-means, so lists stay between about half and all of it.</summary>
    public int MaxListSize { get; init; } = 2048;

    /// <summary>Candidates re-scored with the float vectors are at least k times this.</summary>
    public int RescoreMultiplier { get; init; } = 2;

    /// <summary>Candidates re-scored with the float vectors are at least k plus this.</summary>
    public int RescoreExtra { get; init; } = 64;

    /// <summary>Whether Open re-reads every float vector and checks it against its saved norm (detects a corrupt vector file at the cost of reading it once).</summary>
    public bool VerifyVectorsOnOpen { get; init; } = true;

    internal void Validate()
    {
        if (ApproximateAbove < 0) throw new ArgumentOutOfRangeException(nameof(ApproximateAbove), "must be 0 or more");
        if (Probes < 1) throw new ArgumentOutOfRangeException(nameof(Probes), "must be 1 or more");
        if (MaxListSize < 16) throw new ArgumentOutOfRangeException(nameof(MaxListSize), "must be 16 or more");
        if (RescoreMultiplier < 1) throw new ArgumentOutOfRangeException(nameof(RescoreMultiplier), "must be 1 or more");
        if (RescoreExtra < 0) throw new ArgumentOutOfRangeException(nameof(RescoreExtra), "must be 0 or more");
    }
}
