using System.Net;
using System.Net.Http.Headers;
using Likeness.Server.Console;

namespace Likeness.Server.Tests.Console;

/// <summary>The console's embedded files: served under /console/ with their content type, the Content-Security-Policy, nosniff and no-cache.</summary>
public sealed class ConsoleFilesTests(ConsoleServerFixture fixture) : IClassFixture<ConsoleServerFixture>
{
    private HttpClient Http => fixture.Server.Http;

    private static void AssertConsoleHeaders(HttpResponseMessage response)
    {
        Assert.Equal(ConsoleFiles.ContentSecurityPolicy, string.Join(",", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.True(response.Headers.CacheControl?.NoCache, "Cache-Control: no-cache");
    }

    [Fact]
    public async Task TheConsolePageIsServedWithTheContractsHeaders()
    {
        using var response = await Http.GetAsync("/console/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        AssertConsoleHeaders(response);
        Assert.Contains("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task EveryEmbeddedFileIsServedWithItsContentType()
    {
        var files = ConsoleFiles.Load();
        Assert.Contains("index.html", files.Paths);
        foreach (var path in files.Paths)
        {
            using var response = await Http.GetAsync(ConsoleFiles.BasePath + path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
            Assert.Equal(ConsoleFiles.ContentTypeOf(path), response.Content.Headers.ContentType?.ToString());
            Assert.NotEqual("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
            AssertConsoleHeaders(response);
        }
    }

    [Fact]
    public async Task ARevalidationWithTheSameETagIsNotModified()
    {
        using var first = await Http.GetAsync("/console/index.html");
        var etag = first.Headers.ETag!;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/console/index.html");
        request.Headers.IfNoneMatch.Add(etag);

        using var second = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        AssertConsoleHeaders(second);
    }

    [Fact]
    public async Task AnUnknownFileIsNotFoundAndNothingOutsideTheEmbeddedSetIsReachable()
    {
        foreach (var path in new[] { "/console/missing.js", "/console/../Likeness.Server.dll", "/console/%2e%2e/appsettings.json", "/console/js" })
        {
            using var response = await Http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task ABrowserAtTheRootIsSentToTheConsoleAndConsoleWithoutSlashGetsOne()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Server.Server.Endpoint };
        using var browser = new HttpRequestMessage(HttpMethod.Get, "/");
        browser.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        using var redirected = await client.SendAsync(browser);
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.Equal("/console/", redirected.Headers.Location?.OriginalString);

        using var api = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, api.StatusCode);

        using var bare = await client.GetAsync("/console");
        Assert.Equal(HttpStatusCode.MovedPermanently, bare.StatusCode);
        Assert.Equal("/console/", bare.Headers.Location?.OriginalString);
    }
}
