namespace Likeness.Governance.AuditTrail;

/// <summary>
/// The append-only, hash-chained record of every comparison, identification, indexing, deletion and policy
/// decision, one JSON line per record in &lt;data dir&gt;/audit-trail.jsonl. An acknowledged append is on disk
/// (fsync'd) before it returns. Writers take turns: each append holds an exclusive lock file while it reads the
/// last record, chains to it, writes and fsyncs, so the server and the CLI (a reviewer's decision, say) can
/// append to the same trail without forking the chain. See docs/AUDIT-TRAIL.md.
/// </summary>
public sealed class AuditTrail : IDisposable
{
    public const string FileName = "audit-trail.jsonl";

    /// <summary>Beside the trail; held exclusively for the length of one append (FileShare.None is an exclusive flock on Unix).</summary>
    public const string LockFileName = "audit-trail.jsonl.lock";

    /// <summary>How long an append waits for another writer's append to finish.</summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly string _lockPath;
    private long _sequence;
    private string _lastHash;
    private bool _disposed;

    private AuditTrail(string path, string lockPath, long sequence, string lastHash, long truncatedBytes)
    {
        Path = path;
        _lockPath = lockPath;
        _sequence = sequence;
        _lastHash = lastHash;
        TruncatedBytes = truncatedBytes;
    }

    /// <summary>The trail file.</summary>
    public string Path { get; }

    /// <summary>Bytes of an unfinished (never acknowledged) last line that <see cref="Open"/> removed; 0 normally.</summary>
    public long TruncatedBytes { get; }

    /// <summary>The sequence number of the last record this instance saw (0 when empty).</summary>
    public long LastSequence { get { lock (_gate) return _sequence; } }

    /// <summary>The hash of the last record this instance saw (64 zeros when empty).</summary>
    public string LastHash { get { lock (_gate) return _lastHash; } }

    /// <summary>
    /// Opens (creating if needed) the trail: removes an unfinished last line and checks the last record,
    /// refusing (AuditTrailException) a trail whose last record is damaged. Only the last record is checked
    /// here; <see cref="Verify()"/> checks the whole chain.
    /// </summary>
    public static AuditTrail Open(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = System.IO.Path.Combine(dataDirectory, FileName);
        var lockPath = System.IO.Path.Combine(dataDirectory, LockFileName);
        using (TakeLock(lockPath, path))
        {
            var (sequence, lastHash, truncated) = Recover(path);
            return new AuditTrail(path, lockPath, sequence, lastHash, truncated);
        }
    }

    /// <summary>Appends the entry (its time normalized to UTC milliseconds) as the next record; thread- and process-safe; durable when it returns.</summary>
    public AuditRecord Append(AuditEntry entry)
    {
        var normalized = AuditRecordFormat.Normalize(entry);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var writerLock = TakeLock(_lockPath, Path);
            // Another process may have appended since this instance last did: chain to the file's last record.
            var (last, lastHash, _) = Recover(Path);
            var sequence = last + 1;
            var contentHash = AuditRecordFormat.ContentHash(AuditRecordFormat.Canonical(sequence, normalized));
            var record = new AuditRecord(sequence, normalized, lastHash, AuditRecordFormat.ChainHash(lastHash, contentHash));
            var line = AuditRecordFormat.Line(record);
            var bytes = new byte[line.Length + 1];
            line.CopyTo(bytes, 0);
            bytes[^1] = (byte)'\n';
            try
            {
                // Append mode: this stream cannot seek back over, or overwrite, anything already in the file.
                using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read, 1, FileOptions.None);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A half-written line is removed by the next append or Open (it was never acknowledged).
                throw new AuditTrailException($"Could not append to the audit trail {Path}: {e.Message}. The operation must not proceed unrecorded.");
            }
            _sequence = sequence;
            _lastHash = record.Hash;
            return record;
        }
    }

    /// <summary>The records in order, as far as they had been written when enumeration began.</summary>
    public IEnumerable<AuditRecord> Read() => AuditTrailFile.Records(Path, CommittedLength());

    /// <summary>The records whose case id is <paramref name="caseId"/> (ordinal), in order.</summary>
    public IEnumerable<AuditRecord> ForCase(string caseId) => Read().Where(r => string.Equals(r.Entry.CaseId, caseId, StringComparison.Ordinal));

    /// <summary>Checks the whole chain as far as it had been written when called.</summary>
    public AuditVerification Verify() => AuditTrailFile.Verify(Path, CommittedLength(), anchor: null);

    /// <summary>Checks the trail file at <paramref name="path"/> without opening it for append (a writer may be live).</summary>
    public static AuditVerification Verify(string path) => AuditTrailFile.Verify(path, null, anchor: null);

    /// <summary>
    /// As <see cref="Verify(string)"/>, and also requires <paramref name="expectedLastHash"/> (a hash recorded
    /// elsewhere earlier) to be in the chain: the only way a truncated tail can be detected.
    /// </summary>
    public static AuditVerification Verify(string path, string? expectedLastHash) => AuditTrailFile.Verify(path, null, expectedLastHash);

    /// <summary>The records of the trail file at <paramref name="path"/>, read without opening it for append.</summary>
    public static IEnumerable<AuditRecord> Read(string path) => AuditTrailFile.Records(path, null);

    public void Dispose()
    {
        lock (_gate) _disposed = true;
    }

    // The length up to the last complete line: another process may be part-way through an append.
    private long CommittedLength()
    {
        lock (_gate) ObjectDisposedException.ThrowIf(_disposed, this);
        if (!File.Exists(Path)) return 0;
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return stream.Length == 0 ? 0 : LastNewlineBefore(stream, stream.Length) + 1;
    }

    private static FileStream TakeLock(string lockPath, string path)
    {
        var deadline = DateTime.UtcNow + LockTimeout;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(5);
            }
            catch (IOException e)
            {
                throw new AuditTrailException($"The audit trail {path} stayed locked by another writer for {LockTimeout.TotalSeconds:F0} s ({e.Message}); is a process stuck holding {lockPath}?");
            }
        }
    }

    private static (long Sequence, string LastHash, long Truncated) Recover(string path)
    {
        using var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        var length = stream.Length;
        if (length == 0) return (0, AuditRecordFormat.GenesisHash, 0);
        long truncated = 0;
        if (ByteAt(stream, length - 1) != (byte)'\n')
        {
            // Append writes the whole line and fsyncs before returning, so bytes after the last newline belong to
            // an append that never returned: never acknowledged, safe to remove.
            var end = LastNewlineBefore(stream, length - 1) + 1;
            truncated = length - end;
            stream.SetLength(end);
            stream.Flush(flushToDisk: true);
            length = end;
            if (length == 0) return (0, AuditRecordFormat.GenesisHash, truncated);
        }
        var start = LastNewlineBefore(stream, length - 1) + 1;
        var line = new byte[length - 1 - start];
        stream.Position = start;
        stream.ReadExactly(line);
        if (!AuditRecordFormat.TryParse(line, out var record, out var contentHash, out var error))
        {
            throw new AuditTrailException($"The last line of {path} is not an audit record ({error}); refusing to append to a damaged trail. Run `likeness audit-trail verify` and repair it from a backup.");
        }
        if (AuditRecordFormat.ChainHash(record!.PreviousHash, contentHash) != record.Hash)
        {
            throw new AuditTrailException($"The last record ({record.Sequence}) of {path} does not match its hash (changed); refusing to append to a damaged trail. Run `likeness audit-trail verify`.");
        }
        return (record.Sequence, record.Hash, truncated);
    }

    private static int ByteAt(FileStream stream, long position)
    {
        stream.Position = position;
        return stream.ReadByte();
    }

    // The position of the last '\n' before `before`, or -1: scans backwards a chunk at a time.
    private static long LastNewlineBefore(FileStream stream, long before)
    {
        var buffer = new byte[64 * 1024];
        var end = before;
        while (end > 0)
        {
            var start = Math.Max(0, end - buffer.Length);
            var count = (int)(end - start);
            stream.Position = start;
            stream.ReadExactly(buffer, 0, count);
            var index = Array.LastIndexOf(buffer, (byte)'\n', count - 1, count);
            if (index >= 0) return start + index;
            end = start;
        }
        return -1;
    }
}
