using Likeness.Governance.Audits;

namespace Likeness.Governance.Tests.Audits;

/// <summary>
/// A demographics audit written out for tests: four thresholds whose worst group sits 48.7x the calibrated rate at
/// Similarity 80 (as the shipped model's Asian women do, docs/THRESHOLDS.md), 5x at 90 and 95, and has no false match at 99.
/// </summary>
internal static class BiasAudits
{
    public const string Model = "test-model/dlib150/mirror";

    public static readonly DateTimeOffset Completed = new(2026, 1, 15, 9, 30, 0, TimeSpan.Zero);

    public static BiasAuditRecord Demographics(string id = "audit-2026-01", string model = Model, DateTimeOffset? completed = null) => new(
        id, BiasAuditKinds.Demographics, model, completed ?? Completed, "UTKFace dev, same-group impostor pairs, race x gender cells",
        $"/var/lib/likeness/audits/{id}.json", new string('a', 64),
        [
            new BiasAuditThreshold(80, 60_724, "asian-female", 296, 4.87e-3, 5.46e-3, "white-male", 1.65e-5, 1e-4),
            new BiasAuditThreshold(90, 60_724, "asian-female", 3, 5e-5, 1.4e-4, "white-male", 0, 1e-5),
            new BiasAuditThreshold(95, 600_000, "asian-female", 3, 5e-6, 1.4e-5, "white-male", 0, 1e-6),
            new BiasAuditThreshold(99, 600_000, "black-male", 0, 0, 5e-6, "white-male", 0, 1e-7),
        ],
        "worst group within 5x of the calibration from Similarity 90 up; 48.7x at 80");
}
