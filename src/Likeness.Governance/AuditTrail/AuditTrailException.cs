namespace Likeness.Governance.AuditTrail;

/// <summary>
/// The trail cannot be written or read as asked: another process holds it, its last record is damaged, a line
/// is not a record, or an earlier append failed part-way. The message says what to do.
/// </summary>
public sealed class AuditTrailException(string message) : Exception(message);
