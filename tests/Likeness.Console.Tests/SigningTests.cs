using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Likeness.Server.Auth;

namespace Likeness.Console.Tests;

/// <summary>
/// The console's pure-JavaScript SHA-256, HMAC-SHA256 and SigV4 signer (js/sha256.js, js/sigv4.js), run in the
/// browser: against the FIPS 180-2 and RFC 4231 vectors, against .NET at every length around the block
/// boundaries, against the AWS SigV4 test suite, and against the server's own verifier.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class SigningTests(ConsoleServer server) : IDisposable
{
    private readonly ConsoleBrowser _browser = OpenOnConsole(server);

    private static ConsoleBrowser OpenOnConsole(ConsoleServer server)
    {
        var browser = server.OpenBrowser();
        browser.Open(); // the modules are imported from the console's own origin
        return browser;
    }

    /// <summary>Imports a console module and returns what <paramref name="body"/> (a function of the module, m) returns, as JSON.</summary>
    private JsonElement Run(string module, string body, params object[] args)
    {
        var script = $$"""
            const done = arguments[arguments.length - 1];
            const args = Array.from(arguments).slice(0, -1);
            const hex = (s) => new Uint8Array((s.match(/../g) || []).map((b) => parseInt(b, 16)));
            import('./js/{{module}}').then((m) => done(JSON.stringify((() => { {{body}} })()))).catch((e) => done(JSON.stringify({ error: String(e) })));
            """;
        var result = (string)_browser.ExecuteAsync(script, args)!;
        using var json = JsonDocument.Parse(result);
        Assert.False(json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var error), $"the script failed: {result}");
        return json.RootElement.Clone();
    }

    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void Sha256MatchesTheFipsVectors(string message, string digest)
    {
        Assert.Equal(digest, Run("sha256.js", "return m.toHex(m.sha256(args[0]));", message).GetString());
    }

    [Fact]
    public void Sha256OfAMillionAsMatchesTheFipsVector()
    {
        Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
            Run("sha256.js", "return m.toHex(m.sha256(new Uint8Array(1000000).fill(0x61)));").GetString());
    }

    [Fact]
    public void Sha256AgreesWithDotNetAtEveryLengthAroundTheBlockBoundaries()
    {
        var random = new Random(20240611);
        var inputs = Enumerable.Range(0, 200).Select(n => { var b = new byte[n]; random.NextBytes(b); return b; }).ToList();
        var hexes = inputs.Select(Convert.ToHexStringLower).ToArray();
        var digests = Run("sha256.js", "return args[0].map((h) => m.toHex(m.sha256(hex(h))));", [hexes]).EnumerateArray().Select(e => e.GetString()).ToList();
        for (var n = 0; n < inputs.Count; n++) Assert.True(Convert.ToHexStringLower(SHA256.HashData(inputs[n])) == digests[n], $"SHA-256 of {n} bytes differs");
    }

    // RFC 4231 test cases 1, 2, 6 (a key longer than the block) and 7.
    [Theory]
    [InlineData("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")]
    [InlineData("4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374",
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "5468697320697320612074657374207573696e672061206c6172676572207468616e20626c6f636b2d73697a65206b657920616e642061206c6172676572207468616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565647320746f20626520686173686564206265666f7265206265696e6720757365642062792074686520484d414320616c676f726974686d2e",
        "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2")]
    public void HmacSha256MatchesRfc4231(string key, string data, string mac)
    {
        Assert.Equal(mac, Convert.ToHexStringLower(HMACSHA256.HashData(Convert.FromHexString(key), Convert.FromHexString(data)))); // the vector itself
        Assert.Equal(mac, Run("sha256.js", "return m.toHex(m.hmacSha256(hex(args[0]), hex(args[1])));", key, data).GetString());
    }

    // The AWS SigV4 test suite (aws-sig-v4-test-suite): get-vanilla, post-vanilla, get-vanilla-query-order-key-case.
    [Theory]
    [InlineData("GET", "{}", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")]
    [InlineData("POST", "{}", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b")]
    [InlineData("GET", """{"Param2":"value2","Param1":"value1"}""", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")]
    public void TheSignerReproducesTheAwsTestSuite(string method, string query, string signature)
    {
        var result = Run("sigv4.js", """
            return m.sign({ method: args[0], path: '/', query: JSON.parse(args[1]), headers: { Host: 'example.amazonaws.com' }, body: '' },
              { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', region: 'us-east-1' },
              'service', new Date(Date.UTC(2015, 7, 30, 12, 36, 0))).signature;
            """, method, query);
        Assert.Equal(signature, result.GetString());
    }

    [Fact]
    public void ARequestSignedInTheBrowserVerifiesWithTheServersVerifierAndFailsOnceAltered()
    {
        var key = server.Ngo;
        var body = """{"CollectionId":"café-photos","FaceMatchThreshold":99}""";
        var signed = Run("sigv4.js", """
            const s = m.sign({ method: 'POST', path: '/', body: args[2], headers: {
                host: '127.0.0.1:8080', 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'RekognitionService.SearchFacesByImage',
                'x-likeness-case-id': '  case   7 ', 'x-likeness-use-case': 'anti-trafficking-victim-identification' } },
              { accessKeyId: args[0], secretAccessKey: args[1], region: 'us-east-1' }, 'rekognition');
            return s.headers;
            """, key.AccessKeyId, key.SecretAccessKey, body);
        var headers = signed.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        Assert.Contains("SignedHeaders=content-type;host;x-amz-date;x-amz-target;x-likeness-case-id;x-likeness-use-case,", headers["authorization"], StringComparison.Ordinal);

        KeyLookup? Find(string id) => id == key.AccessKeyId ? new KeyLookup(key.AccountId, id, Encoding.UTF8.GetBytes(key.SecretAccessKey)) : null;
        SigV4Result Verify(IReadOnlyDictionary<string, string> h, string b) =>
            SigV4Verifier.Verify(new SigV4Request("POST", "/", "", h, Encoding.UTF8.GetBytes(b)), Find, "us-east-1", "rekognition", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));

        var verified = Verify(headers, body);
        Assert.True(verified.Success, verified.Message);
        Assert.Equal(key.AccountId, verified.AccountId);
        Assert.False(Verify(headers, body.Replace("99", "80", StringComparison.Ordinal)).Success);
        Assert.False(Verify(new Dictionary<string, string>(headers) { ["x-likeness-case-id"] = "case 8" }, body).Success);
    }

    public void Dispose() => _browser.Dispose();
}
