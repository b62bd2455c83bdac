using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Likeness.Governance.AuditTrail;

/// <summary>
/// A case's records for disclosure (to a defendant, a court, an oversight body): a header line with the whole
/// chain's verification, then every record from the case's first to the end of the trail, the case's in full
/// and all others only as {sequence, contentHash, previousHash, hash}. A recipient can recompute every hash up
/// to the trail's last hash, and compare that with an anchor the operator published, without seeing anyone
/// else's records.
/// </summary>
public static class AuditTrailExport
{
    public const string Format = "likeness-audit-export/1";

    /// <summary>Writes the export of <paramref name="caseId"/> from the trail at <paramref name="path"/>; returns the verification and the number of the case's records.</summary>
    public static (AuditVerification Verification, long CaseRecords) Write(string path, string caseId, TextWriter output, DateTimeOffset exportedAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(caseId);
        var verification = AuditTrail.Verify(path);
        // Only the verified prefix: a live writer may append meanwhile, and records after a break prove nothing.
        var limit = verification.Records;
        var caseRecords = AuditTrailFile.Records(path, null).Take((int)Math.Min(limit, int.MaxValue)).LongCount(r => IsCase(r, caseId));
        output.Write(Header(caseId, exportedAt, verification, caseRecords));
        output.Write('\n');
        var started = false;
        foreach (var line in AuditTrailFile.Lines(path, null))
        {
            if (line.Number > limit) break;
            // Lines up to `limit` were just verified, so each parses.
            AuditRecordFormat.TryParse(line.Bytes, out var record, out var contentHash, out _);
            var r = record!;
            var mine = IsCase(r, caseId);
            started |= mine;
            if (!started) continue;
            output.Write(mine
                ? Encoding.UTF8.GetString(line.Bytes)
                : $"{{\"sequence\":{r.Sequence.ToString(CultureInfo.InvariantCulture)},\"contentHash\":\"{contentHash}\",\"previousHash\":\"{r.PreviousHash}\",\"hash\":\"{r.Hash}\"}}");
            output.Write('\n');
        }
        output.Flush();
        return (verification, caseRecords);
    }

    private static bool IsCase(AuditRecord record, string caseId) => string.Equals(record.Entry.CaseId, caseId, StringComparison.Ordinal);

    private static string Header(string caseId, DateTimeOffset exportedAt, AuditVerification v, long caseRecords)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteString("caseId", caseId);
            json.WriteString("exportedAt", exportedAt.UtcDateTime.ToString(AuditRecordFormat.TimeFormat, CultureInfo.InvariantCulture));
            json.WriteNumber("caseRecords", caseRecords);
            json.WriteStartObject("trail");
            json.WriteBoolean("intact", v.Intact);
            json.WriteNumber("records", v.Records);
            if (v.FirstBadSequence is { } bad) json.WriteNumber("firstBadSequence", bad);
            else json.WriteNull("firstBadSequence");
            json.WriteString("lastHash", v.LastHash);
            json.WriteString("message", v.Message);
            json.WriteEndObject();
            json.WriteString("hash", "hash = sha256_hex(previousHash + contentHash); contentHash = sha256_hex(canonical), canonical = the record's line without its previousHash and hash properties; see docs/AUDIT-TRAIL.md");
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
