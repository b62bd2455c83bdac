using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Likeness.Server.Auth;

namespace Likeness.Console.Tests;

/// <summary>
/// A minimal SigV4-signing client written here, independently of both the server and the console, so the tests can
/// ask the API directly what the page should show (e.g. how many faces DetectFaces finds).
/// </summary>
public sealed class SignedClient(Uri endpoint, AccessKey key, string region = "us-east-1") : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = endpoint, Timeout = TimeSpan.FromMinutes(2) };

    /// <summary>Calls `X-Amz-Target: <paramref name="target"/>` and returns the JSON answer; fails the test on an error answer.</summary>
    public async Task<JsonElement> Call(string target, object input)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(input);
        var timestamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["content-type"] = "application/x-amz-json-1.1",
            ["host"] = endpoint.Authority,
            ["x-amz-date"] = timestamp,
            ["x-amz-target"] = target,
        };
        var signedHeaders = string.Join(';', headers.Keys);
        var canonical = $"POST\n/\n\n{string.Concat(headers.Select(h => $"{h.Key}:{h.Value}\n"))}\n{signedHeaders}\n{Hex(SHA256.HashData(body))}";
        var scope = $"{timestamp[..8]}/{region}/rekognition/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{timestamp}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var signingKey = Encoding.UTF8.GetBytes("AWS4" + key.SecretAccessKey);
        foreach (var part in new[] { timestamp[..8], region, "rekognition", "aws4_request" }) signingKey = HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(part));
        var signature = Hex(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(stringToSign)));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", timestamp);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={key.AccessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{target} answered {(int)response.StatusCode}: {text}");
        using var json = JsonDocument.Parse(text);
        return json.RootElement.Clone();
    }

    /// <summary>DetectFaces on a photo file, with every attribute.</summary>
    public Task<JsonElement> DetectFaces(string path) =>
        Call("RekognitionService.DetectFaces", new { Image = new { Bytes = Convert.ToBase64String(File.ReadAllBytes(path)) }, Attributes = new[] { "ALL" } });

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    public void Dispose() => _http.Dispose();
}
