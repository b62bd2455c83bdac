namespace Likeness.Governance.AuditTrail;

/// <summary>
/// Reading the trail file without holding it for append: its lines as exact bytes (hashes are over bytes, so
/// nothing may be decoded and re-encoded on the way) and the chain check shared by the service and the CLI.
/// </summary>
internal static class AuditTrailFile
{
    private const int ChunkSize = 64 * 1024;

    /// <summary>One line without its newline; <paramref name="Terminated"/> is false for a final line the writer never finished.</summary>
    public readonly record struct Line(long Number, byte[] Bytes, bool Terminated);

    /// <summary>The lines of the first <paramref name="limit"/> bytes (all when null), shared so a live writer is no obstacle.</summary>
    public static IEnumerable<Line> Lines(string path, long? limit)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, ChunkSize);
        var remaining = limit ?? long.MaxValue;
        var buffer = new byte[ChunkSize];
        var pending = new MemoryStream();
        long number = 0;
        while (remaining > 0)
        {
            var read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
            if (read == 0) break;
            remaining -= read;
            var start = 0;
            while (start < read)
            {
                var newline = Array.IndexOf(buffer, (byte)'\n', start, read - start);
                if (newline < 0)
                {
                    pending.Write(buffer, start, read - start);
                    break;
                }
                pending.Write(buffer, start, newline - start);
                yield return new Line(++number, pending.ToArray(), true);
                pending.SetLength(0);
                start = newline + 1;
            }
        }
        if (pending.Length > 0) yield return new Line(++number, pending.ToArray(), false);
    }

    /// <summary>The records of a trail in order, refusing (AuditTrailException) a line that is not one; an unfinished last line is skipped.</summary>
    public static IEnumerable<AuditRecord> Records(string path, long? limit)
    {
        if (!File.Exists(path)) yield break;
        foreach (var line in Lines(path, limit))
        {
            if (!line.Terminated) yield break;
            if (!AuditRecordFormat.TryParse(line.Bytes, out var record, out _, out var error))
            {
                throw new AuditTrailException($"Line {line.Number} of {path} is not an audit record: {error}. Run `likeness audit-trail verify`.");
            }
            yield return record!;
        }
    }

    /// <summary>
    /// Checks every record from the first: its hash against its content, its sequence against its position, its
    /// previous hash against the record before; then, when given, that <paramref name="anchor"/> is in the chain.
    /// </summary>
    public static AuditVerification Verify(string path, long? limit, string? anchor)
    {
        if (!File.Exists(path)) return new AuditVerification(false, 0, null, $"no audit trail at {path}");
        anchor = anchor?.Trim().ToLowerInvariant();
        long? anchorAt = anchor == AuditRecordFormat.GenesisHash ? 0 : null;
        var previous = AuditRecordFormat.GenesisHash;
        long good = 0;
        AuditVerification Bad(long? sequence, string message) => new(false, good, sequence, message) { LastHash = previous };
        foreach (var line in Lines(path, limit))
        {
            var expected = good + 1;
            if (!line.Terminated)
            {
                return Bad(expected, $"the file ends in a partial record after record {good} (an append that never completed and was never acknowledged; opening the trail for append removes it)");
            }
            if (!AuditRecordFormat.TryParse(line.Bytes, out var record, out var contentHash, out var error))
            {
                return Bad(expected, $"line {line.Number} (where record {expected} belongs) is not a record: {error}");
            }
            var r = record!;
            if (AuditRecordFormat.ChainHash(r.PreviousHash, contentHash) != r.Hash)
            {
                return Bad(r.Sequence, $"record {r.Sequence}: hash does not match its content (changed)");
            }
            if (r.Sequence != expected)
            {
                return Bad(r.Sequence, good == 0
                    ? $"record {r.Sequence} is first, not record 1 (records were deleted from the start or reordered)"
                    : $"record {r.Sequence} follows {good} (a record was deleted or reordered)");
            }
            if (r.PreviousHash != previous)
            {
                return Bad(r.Sequence, $"record {r.Sequence}'s previous hash does not match record {good}'s hash (a record before it was replaced or the chain was rebuilt)");
            }
            previous = r.Hash;
            good = expected;
            if (anchor is not null && r.Hash == anchor) anchorAt = good;
        }
        var intact = $"intact: {good} records, last hash {previous}";
        if (anchor is null) return new AuditVerification(true, good, null, intact) { LastHash = previous };
        if (anchorAt is null)
        {
            return new AuditVerification(false, good, null,
                $"{intact}; but the expected hash {anchor} is not in the trail: records after it were removed (the tail was truncated) or the chain was rewritten")
            { LastHash = previous };
        }
        var note = anchorAt == good ? "matches the expected last hash" : $"the expected hash is record {anchorAt}'s; {good - anchorAt} records were appended since";
        return new AuditVerification(true, good, null, $"{intact} ({note})") { LastHash = previous };
    }
}
