namespace Likeness.Governance.AuditTrail;

/// <summary>
/// One thing that happened, as the trail records it: who, for what, which operation on which
/// collection, at what threshold against how many faces, with which model, how many results, and the
/// policy's decision. Never an image, an embedding or a secret.
/// </summary>
public sealed record AuditEntry(
    DateTimeOffset Time,
    string AccountId,
    string? AccessKeyId,
    string? UseCase,
    string? CaseId,
    string Operation,
    string? CollectionId,
    double? Threshold,
    long? GallerySize,
    string? ModelVersion,
    int? ResultCount,
    string Decision,
    string? Rule,
    string? Detail);
