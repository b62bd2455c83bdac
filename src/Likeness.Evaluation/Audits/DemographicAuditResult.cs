using Likeness.Evaluation.Statistics;

namespace Likeness.Evaluation.Audits;

/// <summary>
/// Everything `likeness audit demographics` measured, as its versioned JSON report holds it
/// (<see cref="SchemaVersion"/>). Rates are per threshold in the order of <see cref="Thresholds"/>.
/// </summary>
public sealed record DemographicAuditResult
{
    /// <summary>The JSON report's schema id; bumped when a field changes meaning.</summary>
    public const string SchemaVersion = "likeness.audit.demographics/1";

    public string Schema { get; init; } = SchemaVersion;

    /// <summary>When the audit finished.</summary>
    public DateTimeOffset CompletedAt { get; init; }

    /// <summary>The command line that reproduces it.</summary>
    public string Command { get; init; } = "";

    public required string ModelId { get; init; }

    public required string Source { get; init; }

    public required int Images { get; init; }

    public required int ImagesWithoutFace { get; init; }

    /// <summary>Pairs left out because both images are one picture filed twice (bit-identical embeddings).</summary>
    public required long DuplicatePairs { get; init; }

    public required long ImpostorPairs { get; init; }

    public required long MatedPairs { get; init; }

    /// <summary>Similarity thresholds, ascending.</summary>
    public required IReadOnlyList<double> Thresholds { get; init; }

    /// <summary>The raw score each threshold stands for under the model's calibration.</summary>
    public required IReadOnlyList<double> RawThresholds { get; init; }

    /// <summary>The FMR the calibration promises at each threshold.</summary>
    public required IReadOnlyList<double> CalibratedFalseMatchRates { get; init; }

    /// <summary>FMR over all impostor pairs.</summary>
    public required IReadOnlyList<ErrorRate> OverallFalseMatch { get; init; }

    /// <summary>FNMR over all mated pairs (empty without mated pairs).</summary>
    public required IReadOnlyList<ErrorRate> OverallFalseNonMatch { get; init; }

    public required IReadOnlyList<GroupErrorRates> Groups { get; init; }

    public required IReadOnlyList<CrossGroupRates> CrossGroups { get; init; }

    public required IReadOnlyList<FalseMatchDifferential> Differentials { get; init; }

    /// <summary>The raw-score bin edges every histogram in <see cref="Curves"/> uses.</summary>
    public required IReadOnlyList<double> HistogramEdges { get; init; }

    public required IReadOnlyList<GroupScoreCurve> Curves { get; init; }

    /// <summary>Gender-classification error per gender x group cell; empty when the data has no gender labels or no classifier ran.</summary>
    public IReadOnlyList<GenderClassificationCell> GenderShades { get; init; } = [];
}
