using System.Globalization;
using System.Text;
using Likeness.Server.Auth;

namespace Likeness.Server.Tests.Auth;

/// <summary>Signs requests with keys the tests create at run time; the botocore fixtures prove the verifier agrees with real clients.</summary>
internal static class TestSigner
{
    public static SigV4Request Sign(AccessKey key, DateTimeOffset time, string region = "us-east-1", string service = "rekognition", string body = "{}")
    {
        var timestamp = time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = "127.0.0.1:8080",
            ["content-type"] = "application/x-amz-json-1.1",
            ["x-amz-target"] = "RekognitionService.ListCollections",
            ["x-amz-date"] = timestamp,
        };
        string[] signed = ["content-type", "host", "x-amz-date", "x-amz-target"];
        var bodyBytes = Encoding.UTF8.GetBytes(body);
        var canonical = SigV4Canonical.Request("POST", "/", "", signed, headers, SigV4Canonical.Sha256Hex(bodyBytes));
        var scope = $"{timestamp[..8]}/{region}/{service}/aws4_request";
        var signature = SigV4Canonical.Signature(Encoding.UTF8.GetBytes(key.SecretAccessKey), timestamp[..8], region, service,
            SigV4Canonical.StringToSign(timestamp, scope, canonical));
        headers["authorization"] = $"AWS4-HMAC-SHA256 Credential={key.AccessKeyId}/{scope}, SignedHeaders={string.Join(';', signed)}, Signature={signature}";
        return new SigV4Request("POST", "/", "", headers, bodyBytes);
    }
}
