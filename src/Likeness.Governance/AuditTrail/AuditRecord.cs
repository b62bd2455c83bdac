namespace Likeness.Governance.AuditTrail;

/// <summary>
/// One line of the trail: the entry, its place in the chain, the hash of the record before it (64 zeros for
/// the first) and its own hash, hex SHA-256 over <see cref="PreviousHash"/> and the SHA-256 of the canonical
/// form of (<see cref="Sequence"/>, <see cref="Entry"/>); docs/AUDIT-TRAIL.md defines both.
/// </summary>
public sealed record AuditRecord(long Sequence, AuditEntry Entry, string PreviousHash, string Hash)
{
    /// <summary>This record as its line in the trail file, byte for byte once UTF-8 encoded, without the newline.</summary>
    public string ToLine() => System.Text.Encoding.UTF8.GetString(AuditRecordFormat.Line(this));
}
