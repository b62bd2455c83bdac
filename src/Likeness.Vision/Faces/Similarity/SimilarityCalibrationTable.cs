namespace Likeness.Vision.Faces.Similarity;

/// <summary>
/// A fitted calibration as it is stored (`&lt;model&gt;.calibration.json` beside this file, embedded in the
/// assembly): the rows plus what they were fitted on, so a figure can always be traced to its data.
/// </summary>
public sealed record SimilarityCalibrationTable
{
    /// <summary>The embedder whose raw scores the table maps, e.g. `faceapi-recognition/dlib0.25/mirror`.</summary>
    public required string ModelId { get; init; }

    /// <summary>What the raw score is, in words (e.g. `1 / (1 + Euclidean distance)`).</summary>
    public required string RawScore { get; init; }

    /// <summary>How Similarity relates to the false-match rate, in words.</summary>
    public required string Mapping { get; init; }

    /// <summary>The data the rates were measured on, in words.</summary>
    public required string FittedOn { get; init; }

    /// <summary>When it was fitted (ISO date).</summary>
    public required string Date { get; init; }

    /// <summary>Impostor (different-person) pairs scored.</summary>
    public required long ImpostorPairs { get; init; }

    /// <summary>Genuine (same-person) pairs scored; they do not set the mapping, only the reported match rates.</summary>
    public required long GenuinePairs { get; init; }

    /// <summary>How the rows above the measurable range were extrapolated, in words.</summary>
    public required string TailModel { get; init; }

    /// <summary>The rows, by increasing Similarity and raw score.</summary>
    public required IReadOnlyList<SimilarityCalibrationPoint> Points { get; init; }
}
