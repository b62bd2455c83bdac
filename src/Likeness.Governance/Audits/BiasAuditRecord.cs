using System.Security.Cryptography;

namespace Likeness.Governance.Audits;

/// <summary>
/// One audit of a face model, as <see cref="BiasAuditStore"/> records it: what kind, of which model, when it
/// finished, on what data, the audit's own JSON report (its path and the SHA-256 of its bytes, so a report
/// swapped after recording is detectable), the per-threshold figures and a one-line summary.
/// </summary>
/// <param name="Id">Unique id of the audit (the store refuses a second audit with the same id).</param>
/// <param name="Kind">One of <see cref="BiasAuditKinds.All"/>: demographics, false-matches, detection, verification.</param>
/// <param name="ModelId">The embedder model id the audit measured (FaceEmbedderSpec.ModelId, e.g. faceapi-recognition/dlib0.25/mirror).</param>
/// <param name="CompletedAt">When the audit finished; stored to the millisecond.</param>
/// <param name="Dataset">The data it was measured on, in free text (name, version, how the groups were labelled).</param>
/// <param name="ReportPath">Path of the audit's JSON report file.</param>
/// <param name="ReportSha256">Lower-case hex SHA-256 of the report file's bytes (<see cref="Sha256Of"/>).</param>
/// <param name="Thresholds">One row per audited Similarity threshold, ascending; a demographics audit has at least one.</param>
/// <param name="Summary">One line saying what the audit found.</param>
public sealed record BiasAuditRecord(
    string Id,
    string Kind,
    string ModelId,
    DateTimeOffset CompletedAt,
    string Dataset,
    string ReportPath,
    string ReportSha256,
    IReadOnlyList<BiasAuditThreshold> Thresholds,
    string Summary)
{
    /// <summary>The lower-case hex SHA-256 of the file at <paramref name="path"/>: what <see cref="ReportSha256"/> holds.</summary>
    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
