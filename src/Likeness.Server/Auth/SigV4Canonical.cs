using System.Security.Cryptography;
using System.Text;

namespace Likeness.Server.Auth;

/// <summary>
/// The pieces of AWS Signature Version 4 that both sides compute: canonical request, string to sign,
/// signing key and signature, following
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html and
/// botocore's SigV4Auth (the signer boto3 and the AWS CLI use) where the page is vague.
/// </summary>
internal static class SigV4Canonical
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string Terminator = "aws4_request";
    public const string TimestampFormat = "yyyyMMdd'T'HHmmss'Z'";
    public const string DateFormat = "yyyyMMdd";

    /// <summary>Lower-case hex SHA-256 of <paramref name="data"/>.</summary>
    public static string Sha256Hex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>The canonical request: method, URI, query, headers, signed header list and payload hash, one per line.</summary>
    public static string Request(string method, string rawPath, string rawQuery, IReadOnlyList<string> signedHeaders,
        IReadOnlyDictionary<string, string> headers, string payloadHash)
    {
        var builder = new StringBuilder(512);
        builder.Append(method).Append('\n');
        builder.Append(Uri(rawPath)).Append('\n');
        builder.Append(Query(rawQuery)).Append('\n');
        foreach (var name in signedHeaders)
        {
            builder.Append(name).Append(':');
            if (headers.TryGetValue(name, out var value)) AppendTrimmed(builder, value);
            builder.Append('\n');
        }
        builder.Append('\n');
        builder.AppendJoin(';', signedHeaders).Append('\n');
        builder.Append(payloadHash);
        return builder.ToString();
    }

    /// <summary>The string to sign for a canonical request made at <paramref name="timestamp"/> (yyyyMMddTHHmmssZ) in <paramref name="scope"/>.</summary>
    public static string StringToSign(string timestamp, string scope, string canonicalRequest) =>
        $"{Algorithm}\n{timestamp}\n{scope}\n{Sha256Hex(Encoding.UTF8.GetBytes(canonicalRequest))}";

    /// <summary>Lower-case hex HMAC of <paramref name="stringToSign"/> under the key derived from <paramref name="secret"/> for date, region and service.</summary>
    public static string Signature(ReadOnlySpan<byte> secret, string date, string region, string service, string stringToSign)
    {
        Span<byte> prefixed = stackalloc byte[4 + secret.Length];
        "AWS4"u8.CopyTo(prefixed);
        secret.CopyTo(prefixed[4..]);
        Span<byte> key = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(prefixed, Encoding.ASCII.GetBytes(date), key);
        CryptographicOperations.ZeroMemory(prefixed);
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region), key);
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service), key);
        HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(Terminator), key);
        Span<byte> signature = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign), signature);
        CryptographicOperations.ZeroMemory(key);
        return Convert.ToHexStringLower(signature);
    }

    /// <summary>
    /// The canonical URI: dot segments and empty segments removed (as botocore does before signing), then
    /// every byte but unreserved characters and '/' percent-encoded. The raw path is already encoded once,
    /// so this encodes it a second time, as SigV4 requires for every service but S3.
    /// </summary>
    public static string Uri(string rawPath)
    {
        var normalized = RemoveDotSegments(string.IsNullOrEmpty(rawPath) ? "/" : rawPath);
        var builder = new StringBuilder(normalized.Length + 16);
        AppendEncoded(builder, Encoding.UTF8.GetBytes(normalized), keepSlash: true);
        return builder.ToString();
    }

    /// <summary>
    /// The canonical query: each name and value percent-decoded and re-encoded (unreserved characters only
    /// stay as they are; '+' is a literal plus, as RFC 3986 has it), a missing '=' read as an empty value,
    /// pairs sorted by name then value in byte order.
    /// </summary>
    public static string Query(string rawQuery)
    {
        if (string.IsNullOrEmpty(rawQuery)) return "";
        var pairs = new List<(string Name, string Value)>();
        foreach (var pair in rawQuery.Split('&'))
        {
            if (pair.Length == 0) continue;
            var equals = pair.IndexOf('=');
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? "" : pair[(equals + 1)..];
            pairs.Add((Reencode(name), Reencode(value)));
        }
        pairs.Sort((a, b) =>
        {
            var byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
        });
        return string.Join('&', pairs.Select(p => $"{p.Name}={p.Value}"));
    }

    private static string Reencode(string component)
    {
        var builder = new StringBuilder(component.Length + 8);
        AppendEncoded(builder, PercentDecode(component), keepSlash: false);
        return builder.ToString();
    }

    // Byte-wise, so a %XX that is not valid UTF-8 survives the round trip unchanged.
    private static byte[] PercentDecode(string component)
    {
        var bytes = Encoding.UTF8.GetBytes(component);
        var output = new List<byte>(bytes.Length);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '%' && i + 2 < bytes.Length && IsHex(bytes[i + 1]) && IsHex(bytes[i + 2]))
            {
                output.Add((byte)(HexValue(bytes[i + 1]) << 4 | HexValue(bytes[i + 2])));
                i += 2;
            }
            else
            {
                output.Add(bytes[i]);
            }
        }
        return [.. output];
    }

    private static void AppendEncoded(StringBuilder builder, ReadOnlySpan<byte> bytes, bool keepSlash)
    {
        foreach (var b in bytes)
        {
            if (IsUnreserved(b) || (keepSlash && b == '/')) builder.Append((char)b);
            else builder.Append('%').Append("0123456789ABCDEF"[b >> 4]).Append("0123456789ABCDEF"[b & 0xF]);
        }
    }

    // RFC 3986 §5.2.4, plus the removal of empty segments AWS requires for every service but S3.
    private static string RemoveDotSegments(string path)
    {
        var output = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment == ".") continue;
            if (segment == "..")
            {
                if (output.Count > 0) output.RemoveAt(output.Count - 1);
                continue;
            }
            output.Add(segment);
        }
        var first = path[0] == '/' ? "/" : "";
        var last = path[^1] == '/' && output.Count > 0 ? "/" : "";
        return first + string.Join('/', output) + last;
    }

    /// <summary>The value trimmed, runs of whitespace inside collapsed to one space (the spec's Trimall).</summary>
    private static void AppendTrimmed(StringBuilder builder, string value)
    {
        var pendingSpace = false;
        var started = false;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = started;
                continue;
            }
            if (pendingSpace) builder.Append(' ');
            builder.Append(c);
            pendingSpace = false;
            started = true;
        }
    }

    private static bool IsUnreserved(byte b) =>
        b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9'
            or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~';

    private static bool IsHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
