using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Likeness.Server.Console;

/// <summary>
/// The web console's static files, embedded in this assembly from Console/wwwroot (no CDN, nothing read from disk), served
/// at /console/&lt;path&gt; with their content type, a strict Content-Security-Policy, nosniff and `Cache-Control: no-cache`
/// with an ETag, so a browser revalidates each file cheaply (304) and never runs a stale console against a newer server.
/// </summary>
public sealed class ConsoleFiles
{
    /// <summary>The URL path the console is served under.</summary>
    public const string BasePath = "/console/";

    /// <summary>The policy every console file is served with: the console's own scripts and styles only; reports framed from blob:/data: URLs.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-src 'self' blob: data:; connect-src 'self'";

    // LogicalName in Likeness.Server.csproj: this prefix, then the path below Console/wwwroot.
    private const string ResourcePrefix = "Likeness.Server.Console.wwwroot/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".mjs"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
        [".json"] = "application/json",
        [".map"] = "application/json",
        [".webmanifest"] = "application/manifest+json",
        [".txt"] = "text/plain; charset=utf-8",
        [".woff2"] = "font/woff2",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly FrozenDictionary<string, ConsoleFile> _files;

    private ConsoleFiles(FrozenDictionary<string, ConsoleFile> files) => _files = files;

    /// <summary>The paths (below /console/) of the embedded files, e.g. index.html.</summary>
    public IReadOnlyCollection<string> Paths => _files.Keys;

    /// <summary>Reads every embedded console file once.</summary>
    public static ConsoleFiles Load()
    {
        var assembly = typeof(ConsoleFiles).Assembly;
        var files = new Dictionary<string, ConsoleFile>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.ToArray();
            // MSBuild's RecursiveDir uses the build machine's separator.
            var path = name[ResourcePrefix.Length..].Replace('\\', '/');
            files[path] = new ConsoleFile(bytes, ContentTypeOf(path), $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 16))}\"");
        }
        return new ConsoleFiles(files.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>The content type a console file of this name is served with.</summary>
    public static string ContentTypeOf(string path) => ContentTypes.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream");

    /// <summary>
    /// Answers GET or HEAD /console and /console/&lt;path&gt;: /console redirects to /console/ (so the page's relative URLs resolve),
    /// /console/ is index.html, a known file is served (304 when If-None-Match has its ETag), anything else is 404.
    /// </summary>
    public async Task Serve(HttpContext context)
    {
        var response = context.Response;
        var requestPath = context.Request.Path.Value ?? "";
        if (requestPath.Equals(BasePath.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
        {
            response.StatusCode = StatusCodes.Status301MovedPermanently;
            response.Headers.Location = BasePath;
            return;
        }
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "no-cache";
        var path = requestPath.Length > BasePath.Length ? requestPath[BasePath.Length..] : "index.html";
        if (!_files.TryGetValue(path, out var file))
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync($"No console file {path}.\n");
            return;
        }
        response.Headers.ETag = file.ETag;
        if (context.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(tag => tag.Trim() == file.ETag)))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        response.ContentType = file.ContentType;
        response.ContentLength = file.Bytes.Length;
        if (HttpMethods.IsHead(context.Request.Method)) return;
        await response.Body.WriteAsync(file.Bytes);
    }

    /// <summary>
    /// GET /: a browser (Accept naming text/html) is sent to the console; anything else gets what it got before the
    /// console existed, 405 with Allow: POST, since the API is POST /.
    /// </summary>
    public static IResult Root(HttpRequest request)
    {
        if (request.Headers.Accept.Any(v => v is not null && v.Contains("text/html", StringComparison.OrdinalIgnoreCase))) return Results.Redirect(BasePath);
        request.HttpContext.Response.Headers.Allow = "POST";
        return Results.Text("The Rekognition API is POST / with X-Amz-Target (AWS JSON 1.1); the web console is at /console/.\n", statusCode: StatusCodes.Status405MethodNotAllowed);
    }

    private sealed record ConsoleFile(byte[] Bytes, string ContentType, string ETag);
}
