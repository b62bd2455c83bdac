using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Likeness.Governance.AuditTrail;

/// <summary>
/// The trail's byte format, written by hand rather than by a JSON serializer so that it cannot drift with a
/// library upgrade: the hash of every record ever written depends on these exact bytes. docs/AUDIT-TRAIL.md
/// specifies it and tools/audit-trail/verify.py re-checks it independently.
/// </summary>
internal static class AuditRecordFormat
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    // Every line ends with exactly these two properties; the canonical form is the line with them removed
    // (a fixed-length suffix, because both hashes are 64 hex digits), so an auditor can slice it off.
    private const string TailStart = ",\"previousHash\":\"";
    private const string TailMiddle = "\",\"hash\":\"";
    private const string TailEnd = "\"}";
    public const int TailLength = 17 + 64 + 10 + 64 + 2;

    private static readonly string[] PropertyOrder =
    [
        "sequence", "time", "accountId", "accessKeyId", "useCase", "caseId", "operation", "collectionId",
        "threshold", "gallerySize", "modelVersion", "resultCount", "decision", "rule", "detail",
        "previousHash", "hash",
    ];

    /// <summary>The entry as the trail stores it: time in UTC, truncated to the millisecond it is written with.</summary>
    public static AuditEntry Normalize(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.AccountId is null || entry.Operation is null || entry.Decision is null)
        {
            throw new ArgumentException("An audit entry needs an account, an operation and a decision.", nameof(entry));
        }
        if (entry.Threshold is { } t && !double.IsFinite(t))
        {
            throw new ArgumentException($"Threshold {t} is not a finite number; JSON cannot carry it.", nameof(entry));
        }
        var ticks = entry.Time.UtcTicks;
        return entry with
        {
            Time = new DateTimeOffset(ticks - ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero),
            AccountId = Text(entry.AccountId)!,
            AccessKeyId = Text(entry.AccessKeyId),
            UseCase = Text(entry.UseCase),
            CaseId = Text(entry.CaseId),
            Operation = Text(entry.Operation)!,
            CollectionId = Text(entry.CollectionId),
            ModelVersion = Text(entry.ModelVersion),
            Decision = Text(entry.Decision)!,
            Rule = Text(entry.Rule),
            Detail = Text(entry.Detail),
        };
    }

    // A lone UTF-16 surrogate is not text and has no UTF-8 form; it is stored as U+FFFD (what UTF-8 encoding
    // substitutes), and the returned record says so, rather than a record that cannot be read back.
    private static string? Text(string? value) =>
        value is null || !value.Any(char.IsSurrogate) ? value : Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(value));

    /// <summary>UTF-8 canonical JSON of (sequence, entry): fixed property order, no whitespace, nulls written.</summary>
    public static byte[] Canonical(long sequence, AuditEntry entry) => Encoding.UTF8.GetBytes(CanonicalText(sequence, entry) + "}");

    /// <summary>The full line, without its newline: the canonical form with previousHash and hash appended.</summary>
    public static byte[] Line(AuditRecord record) =>
        Encoding.UTF8.GetBytes(CanonicalText(record.Sequence, record.Entry) + TailStart + record.PreviousHash + TailMiddle + record.Hash + TailEnd);

    /// <summary>Hex SHA-256 of the canonical bytes: what the chain hash binds, and what an export discloses in place of a record.</summary>
    public static string ContentHash(ReadOnlySpan<byte> canonical) => Convert.ToHexStringLower(SHA256.HashData(canonical));

    /// <summary>Hex SHA-256 over the ASCII of the previous hash followed by the content hash.</summary>
    public static string ChainHash(string previousHash, string contentHash) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(previousHash + contentHash)));

    /// <summary>Reads one line (without its newline): the record and its content hash, or why it is not a record.</summary>
    public static bool TryParse(ReadOnlySpan<byte> line, out AuditRecord? record, out string contentHash, out string error)
    {
        record = null;
        contentHash = "";
        try
        {
            using var document = JsonDocument.Parse(line.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Fail("not a JSON object", out error);
            var names = root.EnumerateObject().Select(p => p.Name).ToList();
            if (!names.SequenceEqual(PropertyOrder)) return Fail("its properties are not the trail's, in the trail's order", out error);
            var previousHash = root.GetProperty("previousHash").GetString() ?? "";
            var hash = root.GetProperty("hash").GetString() ?? "";
            if (!IsHash(previousHash) || !IsHash(hash)) return Fail("previousHash and hash must be 64 lowercase hex digits", out error);
            var tail = Encoding.ASCII.GetBytes(TailStart + previousHash + TailMiddle + hash + TailEnd);
            if (line.Length <= TailLength || !line.EndsWith(tail)) return Fail("it does not end in the trail's previousHash/hash suffix", out error);
            var canonical = new byte[line.Length - TailLength + 1];
            line[..^TailLength].CopyTo(canonical);
            canonical[^1] = (byte)'}';
            contentHash = ContentHash(canonical);
            var timeText = root.GetProperty("time").GetString();
            if (!DateTimeOffset.TryParseExact(timeText, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            {
                return Fail($"time '{timeText}' is not {TimeFormat}", out error);
            }
            var entry = new AuditEntry(
                time,
                Required(root, "accountId"),
                Optional(root, "accessKeyId"),
                Optional(root, "useCase"),
                Optional(root, "caseId"),
                Required(root, "operation"),
                Optional(root, "collectionId"),
                Null(root, "threshold") ? null : root.GetProperty("threshold").GetDouble(),
                Null(root, "gallerySize") ? null : root.GetProperty("gallerySize").GetInt64(),
                Optional(root, "modelVersion"),
                Null(root, "resultCount") ? null : root.GetProperty("resultCount").GetInt32(),
                Required(root, "decision"),
                Optional(root, "rule"),
                Optional(root, "detail"));
            record = new AuditRecord(root.GetProperty("sequence").GetInt64(), entry, previousHash, hash);
            error = "";
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            return Fail($"not valid JSON of the trail's shape ({e.Message})", out error);
        }
    }

    private static string CanonicalText(long sequence, AuditEntry e)
    {
        var s = new StringBuilder(384);
        s.Append("{\"sequence\":").Append(sequence.ToString(CultureInfo.InvariantCulture));
        s.Append(",\"time\":\"").Append(e.Time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)).Append('"');
        String(s, "accountId", e.AccountId);
        String(s, "accessKeyId", e.AccessKeyId);
        String(s, "useCase", e.UseCase);
        String(s, "caseId", e.CaseId);
        String(s, "operation", e.Operation);
        String(s, "collectionId", e.CollectionId);
        // "R" is .NET's shortest round-trip form (IEEE-correct since .NET Core 3.0): 80, 99.5, 1E-05.
        Number(s, "threshold", e.Threshold?.ToString("R", CultureInfo.InvariantCulture));
        Number(s, "gallerySize", e.GallerySize?.ToString(CultureInfo.InvariantCulture));
        String(s, "modelVersion", e.ModelVersion);
        Number(s, "resultCount", e.ResultCount?.ToString(CultureInfo.InvariantCulture));
        String(s, "decision", e.Decision);
        String(s, "rule", e.Rule);
        String(s, "detail", e.Detail);
        return s.ToString();
    }

    private static void Number(StringBuilder s, string name, string? value) =>
        s.Append(",\"").Append(name).Append("\":").Append(value ?? "null");

    private static void String(StringBuilder s, string name, string? value)
    {
        s.Append(",\"").Append(name).Append("\":");
        if (value is null)
        {
            s.Append("null");
            return;
        }
        s.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': s.Append("\\\""); break;
                case '\\': s.Append("\\\\"); break;
                case '\b': s.Append("\\b"); break;
                case '\f': s.Append("\\f"); break;
                case '\n': s.Append("\\n"); break;
                case '\r': s.Append("\\r"); break;
                case '\t': s.Append("\\t"); break;
                default:
                    // JSON requires control characters escaped; everything else is written as itself, in UTF-8.
                    if (c < ' ') s.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else s.Append(c);
                    break;
            }
        }
        s.Append('"');
    }

    private static bool IsHash(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigitLower);

    private static string Required(JsonElement root, string name) =>
        root.GetProperty(name).GetString() ?? throw new FormatException($"{name} is null");

    private static string? Optional(JsonElement root, string name) => root.GetProperty(name).GetString();

    private static bool Null(JsonElement root, string name) => root.GetProperty(name).ValueKind == JsonValueKind.Null;

    private static bool Fail(string why, out string error)
    {
        error = why;
        return false;
    }
}
