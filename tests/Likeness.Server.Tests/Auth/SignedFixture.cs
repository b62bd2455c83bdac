using System.Text;
using Likeness.Server.Auth;

namespace Likeness.Server.Tests.Auth;

/// <summary>A signed request as a server receives it: headers in their original case and order.</summary>
internal sealed record SignedFixture(string Method, string Path, string QueryString, (string Name, string Value)[] Headers, string Body)
{
    /// <summary>The request as the host hands it to the verifier, after <paramref name="change"/> edits the lower-cased headers.</summary>
    public SigV4Request ToRequest(Action<Dictionary<string, string>>? change = null, string? body = null, string? path = null, string? query = null)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in Headers)
        {
            var key = name.ToLowerInvariant();
            headers[key] = headers.TryGetValue(key, out var earlier) ? earlier + "," + value : value;
        }
        change?.Invoke(headers);
        return new SigV4Request(Method, path ?? Path, query ?? QueryString, headers, Encoding.UTF8.GetBytes(body ?? Body));
    }
}
