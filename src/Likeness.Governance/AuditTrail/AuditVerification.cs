namespace Likeness.Governance.AuditTrail;

/// <summary>
/// The result of checking a trail from its first record: whether every record is unchanged, in order and
/// chained; how many records were checked good; the first bad one, if any; and one line saying what was found
/// and where ("intact: N records, last hash H" or, e.g., "record 17: hash does not match its content (changed)").
/// </summary>
public sealed record AuditVerification(bool Intact, long Records, long? FirstBadSequence, string Message)
{
    /// <summary>The hash of the last good record (64 zeros for an empty trail): the anchor to record elsewhere.</summary>
    public string LastHash { get; init; } = AuditRecordFormat.GenesisHash;
}
