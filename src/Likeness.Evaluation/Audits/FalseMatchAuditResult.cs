namespace Likeness.Evaluation.Audits;

/// <summary>Everything `likeness audit false-matches` measured, as its versioned JSON report holds it (<see cref="SchemaVersion"/>).</summary>
public sealed record FalseMatchAuditResult
{
    /// <summary>The JSON report's schema id; bumped when a field changes meaning.</summary>
    public const string SchemaVersion = "likeness.audit.false-matches/1";

    public string Schema { get; init; } = SchemaVersion;

    /// <summary>When the audit finished.</summary>
    public DateTimeOffset CompletedAt { get; init; }

    /// <summary>The command line that reproduces it.</summary>
    public string Command { get; init; } = "";

    public required string ModelId { get; init; }

    public required string ProbeSource { get; init; }

    public required string GallerySource { get; init; }

    public required int ProbeImages { get; init; }

    public required int ProbesWithoutFace { get; init; }

    public required int GalleryImages { get; init; }

    public required int GalleryFaces { get; init; }

    public required IReadOnlyList<double> Thresholds { get; init; }

    public required IReadOnlyList<double> CalibratedFalseMatchRates { get; init; }

    /// <summary>First `all`, then each probe label dimension's groups.</summary>
    public required IReadOnlyList<FalseMatchGroup> Groups { get; init; }

    /// <summary>The highest-scoring false matches (at most 20) at the lowest threshold.</summary>
    public required IReadOnlyList<FalseMatchExample> Examples { get; init; }
}
