using System.Globalization;
using System.Text;
using Likeness.Server.Auth;

namespace Likeness.Server.Tests.Auth;

/// <summary>Signs requests with keys the tests create at run time; the botocore fixtures prove the verifier agrees with real clients.</summary>
internal static class TestSigner
{
    public static SigV4Request Sign(AccessKey key, DateTimeOffset time, string region = "us-east-1", string service = "rekognition", string body = "{}")
    {
        var headers = Headers(key, time, "127.0.0.1:8080", "RekognitionService.ListCollections", body, region: region, service: service);
        return new SigV4Request("POST", "/", "", headers, Encoding.UTF8.GetBytes(body));
    }

    /// <summary>
    /// The lower-cased headers of `POST /` to <paramref name="host"/> naming <paramref name="target"/>, with <paramref name="extra"/>
    /// headers (x-likeness-*) signed too, and the Authorization header; what an HTTP client sends, less Content-Length.
    /// </summary>
    public static Dictionary<string, string> Headers(AccessKey key, DateTimeOffset time, string host, string target, string body,
        IReadOnlyDictionary<string, string>? extra = null, string region = "us-east-1", string service = "rekognition")
    {
        var timestamp = time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = host,
            ["content-type"] = "application/x-amz-json-1.1",
            ["x-amz-target"] = target,
            ["x-amz-date"] = timestamp,
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, string>()) headers[name.ToLowerInvariant()] = value;
        var signed = headers.Keys.Order(StringComparer.Ordinal).ToArray();
        var canonical = SigV4Canonical.Request("POST", "/", "", signed, headers, SigV4Canonical.Sha256Hex(Encoding.UTF8.GetBytes(body)));
        var scope = $"{timestamp[..8]}/{region}/{service}/aws4_request";
        var signature = SigV4Canonical.Signature(Encoding.UTF8.GetBytes(key.SecretAccessKey), timestamp[..8], region, service,
            SigV4Canonical.StringToSign(timestamp, scope, canonical));
        headers["authorization"] = $"AWS4-HMAC-SHA256 Credential={key.AccessKeyId}/{scope}, SignedHeaders={string.Join(';', signed)}, Signature={signature}";
        return headers;
    }
}
