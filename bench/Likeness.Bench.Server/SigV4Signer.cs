using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Likeness.Bench.Server;

/// <summary>A client-side SigV4 signer for JSON 1.1 POSTs to `/`, written from AWS's specification, independent of the server's verifier.</summary>
internal sealed class SigV4Signer(string accessKeyId, string secret, string region)
{
    public HttpRequestMessage Request(Uri endpoint, string operation, byte[] body)
    {
        var now = DateTime.UtcNow;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        var host = endpoint.Authority;
        var target = $"RekognitionService.{operation}";
        var payloadHash = Hex(SHA256.HashData(body));
        var canonical = $"POST\n/\n\ncontent-type:application/x-amz-json-1.1\nhost:{host}\nx-amz-date:{amzDate}\nx-amz-target:{target}\n\ncontent-type;host;x-amz-date;x-amz-target\n{payloadHash}";
        var scope = $"{date}/{region}/rekognition/aws4_request";
        var toSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = Hmac(Hmac(Hmac(Hmac(Encoding.UTF8.GetBytes("AWS4" + secret), date), region), "rekognition"), "aws4_request");
        var signature = Hex(Hmac(key, toSign));

        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-amz-json-1.1");
        request.Headers.Host = host;
        request.Headers.Add("X-Amz-Date", amzDate);
        request.Headers.Add("X-Amz-Target", target);
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential={accessKeyId}/{scope}, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature={signature}");
        return request;
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
