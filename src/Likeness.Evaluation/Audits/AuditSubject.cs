namespace Likeness.Evaluation.Audits;

/// <summary>
/// One audit image: its file, whose face it shows (null: a person no other image shows), and its labels by
/// dimension (e.g. race → Black, gender → Female, age band → 30-44).
/// </summary>
public sealed record AuditSubject(string Path, string? Identity, IReadOnlyDictionary<string, string> Labels);
