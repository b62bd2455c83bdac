namespace Likeness.Evaluation.Verification;

/// <summary>What `likeness eval verification --out DIR` writes as JSON (<see cref="SchemaVersion"/>): the pairs, the images and each model's result.</summary>
public sealed record VerificationReportData
{
    /// <summary>The JSON report's schema id; bumped when a field changes meaning.</summary>
    public const string SchemaVersion = "likeness.eval.verification/1";

    public string Schema { get; init; } = SchemaVersion;

    public DateTimeOffset CompletedAt { get; init; }

    public string Command { get; init; } = "";

    public required string Pairs { get; init; }

    public required string Images { get; init; }

    public required IReadOnlyList<VerificationModelResult> Models { get; init; }
}
