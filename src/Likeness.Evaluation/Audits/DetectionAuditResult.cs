using Likeness.Evaluation.Detection;

namespace Likeness.Evaluation.Audits;

/// <summary>What `likeness audit detection` measured, as its versioned JSON report holds it (<see cref="SchemaVersion"/>).</summary>
public sealed record DetectionAuditResult
{
    /// <summary>The JSON report's schema id; bumped when a field changes meaning.</summary>
    public const string SchemaVersion = "likeness.audit.detection/1";

    public string Schema { get; init; } = SchemaVersion;

    /// <summary>When the audit finished.</summary>
    public DateTimeOffset CompletedAt { get; init; }

    /// <summary>The command line that reproduces it.</summary>
    public string Command { get; init; } = "";

    /// <summary>The ground-truth boxes file.</summary>
    public required string Boxes { get; init; }

    /// <summary>The demographics file joined to the boxes, if any.</summary>
    public string? Demographics { get; init; }

    /// <summary>Recall at fixed false positives per image, overall and per size band, skin type, gender and age group.</summary>
    public required DetectionEvaluation Evaluation { get; init; }
}
