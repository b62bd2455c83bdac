using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Likeness.Collections;
using Likeness.Collections.Results;
using Likeness.Governance.Enforcement;
using Likeness.Imaging;
using Likeness.Server.Auth;
using Likeness.Server.Console;
using Likeness.Server.Observability;
using Likeness.Server.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Likeness.Server.Protocol;

/// <summary>
/// `POST /` as Rekognition answers it (AWS JSON 1.1): SigV4 authentication, the per-key rate limit, the
/// operation named by `X-Amz-Target: RekognitionService.&lt;Operation&gt;`, the body validated against the
/// operation's input shape, then the operation. `X-Amz-Target: LikenessConsole.&lt;Operation&gt;` names one of the
/// web console's operations instead (<see cref="ConsoleOperations"/>, which checks its own members), behind the
/// same authentication, limit, logging, metrics and errors. Every answer carries `x-amzn-RequestId`; errors are
/// `{"__type": ..., "Message": ...}` with AWS's names and statuses. One log line per request, with no
/// header values, body or secret in it.
/// </summary>
public sealed class RekognitionEndpoint(
    ServerOptions options,
    AccountStore accounts,
    RateLimiter rateLimiter,
    RekognitionOperations operations,
    ConsoleOperations console,
    RequestMetrics metrics,
    ILogger<RekognitionEndpoint> logger)
{
    private const string JsonContentType = "application/x-amz-json-1.1";

    private readonly RequestValidator _validator = new(ServiceModel.Rekognition);
    private readonly SemaphoreSlim _imageSlots = new(options.MaxConcurrentImageRequests, options.MaxConcurrentImageRequests);
    private int _imageQueue;

    /// <summary>Answers one request.</summary>
    public async Task Handle(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        var clock = Stopwatch.StartNew();
        var operation = "Unknown";
        string? account = null;
        string? keyId = null;
        string? error = null;
        var status = 200;
        try
        {
            var body = await ReadBody(context.Request);
            var auth = SigV4Verifier.Verify(
                new SigV4Request(context.Request.Method, RawPath(context), context.Request.QueryString.HasValue ? context.Request.QueryString.Value![1..] : "",
                    Headers(context.Request), body),
                accounts.FindActiveKey, options.Region, "rekognition", DateTimeOffset.UtcNow, options.MaxClockSkew);
            if (!auth.Success) throw new AwsErrorException(auth.ErrorType!, auth.Message!, auth.HttpStatus);
            (account, keyId) = (auth.AccountId!, auth.AccessKeyId!);
            if (!rateLimiter.TryAcquire(keyId, DateTimeOffset.UtcNow))
            {
                // Rekognition's names: ProvisionedThroughputExceeded is the caller's limit, Throttling the service's load.
                throw new AwsErrorException("ProvisionedThroughputExceededException", "The number of requests exceeded this access key's throughput limit; retry with backoff.");
            }
            var (consoleOperation, name) = Target(context.Request);
            if (consoleOperation)
            {
                // Metrics and logs name console operations with their prefix, so they never mix with Rekognition's.
                operation = $"{ConsoleOperations.TargetPrefix}.{name}";
                var response = console.Run(name, account, keyId, new ConsoleRequest(ParseObject(body)));
                await Write(context, 200, ConsoleJson.Serialize(response));
                return;
            }
            operation = name;
            var request = Parse(body, operation);
            var caller = Caller(context.Request, account, keyId);
            var (result, reviews) = RekognitionOperations.ImageOperations.Contains(operation)
                ? await WithImageSlot(() => operations.Run(operation, caller, new RequestReader(request)), context.RequestAborted)
                : operations.Run(operation, caller, new RequestReader(request));
            if (reviews.Count > 0)
            {
                // The response shapes are Rekognition's; the review flag travels in headers clients can read (docs/POLICY.md).
                context.Response.Headers[ReviewRequiredHeader] = "true";
                context.Response.Headers[ReviewIdsHeader] = string.Join(',', reviews);
            }
            await Write(context, 200, ResultJson.Serialize(result, indented: false));
        }
        catch (Exception e) when (Translate(e) is { } answer)
        {
            (error, status) = (answer.Type, answer.Status);
            if (status >= 500) logger.LogError("request {RequestId} {Operation} failed: {ExceptionType}: {ExceptionMessage}", requestId, operation, e.GetType().Name, e.Message);
            await Write(context, status, JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = answer.Type, ["Message"] = answer.Message }));
        }
        finally
        {
            metrics.Record(operation, clock.Elapsed, error);
            logger.LogInformation("request {RequestId} {Operation} account={Account} key={AccessKeyId} status={Status} error={Error} ms={Milliseconds:F1}",
                requestId, operation, account ?? "-", keyId ?? "-", status, error ?? "-", clock.Elapsed.TotalMilliseconds);
        }
    }

    /// <summary>Request header naming the use case (one of Likeness's registered use-case names).</summary>
    public const string UseCaseHeader = "x-likeness-use-case";

    /// <summary>Request header naming the case a request is made for.</summary>
    public const string CaseIdHeader = "x-likeness-case-id";

    /// <summary>Response header set when candidate matches were queued for human review.</summary>
    public const string ReviewRequiredHeader = "x-likeness-review-required";

    /// <summary>Response header listing the review ids of the queued candidates.</summary>
    public const string ReviewIdsHeader = "x-likeness-review-ids";

    private static CallerContext Caller(HttpRequest request, string account, string keyId)
    {
        var useCase = request.Headers[UseCaseHeader].ToString();
        var caseId = request.Headers[CaseIdHeader].ToString();
        if (useCase.Length > 0 && !Likeness.Governance.Profiles.UseCases.All.Contains(useCase))
        {
            throw AwsErrorException.InvalidParameter($"Header {UseCaseHeader} must be one of {string.Join(", ", Likeness.Governance.Profiles.UseCases.All)}.");
        }
        if (caseId.Length > 128 || caseId.Any(char.IsControl)) throw AwsErrorException.InvalidParameter($"Header {CaseIdHeader} must be at most 128 printable characters.");
        return new CallerContext(account, keyId, useCase.Length > 0 ? useCase : null, caseId.Length > 0 ? caseId : null);
    }

    private async Task<byte[]> ReadBody(HttpRequest request)
    {
        if (request.ContentLength > options.MaxRequestBytes) throw TooLarge(request.ContentLength.Value);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > options.MaxRequestBytes) throw TooLarge(buffer.Length);
        }
        return buffer.ToArray();
    }

    private AwsErrorException TooLarge(long length) =>
        new("ImageTooLargeException", $"The request is {length:N0} bytes; requests are limited to {options.MaxRequestBytes:N0} (a 5 MB image in base64 with its JSON).");

    /// <summary>The path as the client sent it, still percent-encoded, which is what SigV4 signs.</summary>
    private static string RawPath(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        var query = target.IndexOf('?', StringComparison.Ordinal);
        return query >= 0 ? target[..query] : target;
    }

    private static Dictionary<string, string> Headers(HttpRequest request) =>
        request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(',', h.Value.ToArray()), StringComparer.Ordinal);

    /// <summary>The operation X-Amz-Target names: a console operation (LikenessConsole.*) or a Rekognition one; UnknownOperationException for anything else.</summary>
    private (bool Console, string Name) Target(HttpRequest request)
    {
        var target = request.Headers["X-Amz-Target"].ToString();
        var dot = target.IndexOf('.', StringComparison.Ordinal);
        var (prefix, name) = dot < 0 ? (target, "") : (target[..dot], target[(dot + 1)..]);
        if (prefix == ServiceModel.Rekognition.TargetPrefix && ServiceModel.Rekognition.Operations.ContainsKey(name)) return (false, name);
        if (prefix == ConsoleOperations.TargetPrefix && console.Serves(name)) return (true, name);
        throw new AwsErrorException("UnknownOperationException", target.Length == 0
            ? "The request has no X-Amz-Target header naming the operation."
            : $"Operation {target} is not one this service serves.");
    }

    private JsonElement Parse(byte[] body, string operation)
    {
        var request = ParseObject(body);
        _validator.Validate(ServiceModel.Rekognition.Operations[operation], request);
        return request;
    }

    /// <summary>The body as a JSON object (an empty body is {}); SerializationException for anything else, as from AWS's JSON front end.</summary>
    private static JsonElement ParseObject(byte[] body)
    {
        JsonElement request;
        try
        {
            request = body.Length == 0 ? JsonDocument.Parse("{}").RootElement : JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            throw new AwsErrorException("SerializationException", "The request body is not valid JSON.");
        }
        if (request.ValueKind != JsonValueKind.Object) throw new AwsErrorException("SerializationException", "The request could not be read: the request body must be a JSON object.");
        return request;
    }

    private async Task<T> WithImageSlot<T>(Func<T> work, CancellationToken cancel)
    {
        if (Interlocked.Increment(ref _imageQueue) > options.MaxConcurrentImageRequests + options.MaxQueuedImageRequests)
        {
            Interlocked.Decrement(ref _imageQueue);
            throw new AwsErrorException("ThrottlingException", "Likeness is temporarily unable to process the request: its image queue is full. Try your call again.");
        }
        try
        {
            await _imageSlots.WaitAsync(cancel);
            try
            {
                return work();
            }
            finally
            {
                _imageSlots.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _imageQueue);
        }
    }

    private static async Task Write(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = JsonContentType;
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>The AWS error an exception is answered with; null lets nothing through unanswered, so every exception maps.</summary>
    private static AwsErrorException? Translate(Exception e) => e switch
    {
        AwsErrorException aws => aws,
        CollectionException collection => new AwsErrorException(collection.RekognitionName, collection.Message),
        AccessDeniedException denied => new AwsErrorException(AccessDeniedException.RekognitionName, denied.Message),
        ImageDecodingException image => image.Code switch
        {
            ImageErrorCode.TooLarge => new AwsErrorException("ImageTooLargeException", image.Message),
            ImageErrorCode.TooSmall => AwsErrorException.InvalidParameter(image.Message),
            _ => new AwsErrorException("InvalidImageFormatException", image.Message),
        },
        OperationCanceledException => new AwsErrorException("RequestCanceled", "The client went away.", 499),
        _ => new AwsErrorException("InternalServerError", "Likeness hit an internal error; the server log has the details under this request's id.", 500),
    };
}
