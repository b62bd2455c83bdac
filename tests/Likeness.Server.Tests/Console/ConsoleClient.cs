using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Likeness.Server.Auth;
using Likeness.Server.Tests.Auth;

namespace Likeness.Server.Tests.Console;

/// <summary>Signs and sends `POST /` as the console (and any AWS SDK) does: AWS JSON 1.1, SigV4 with the signed x-likeness-* headers.</summary>
public sealed class ConsoleClient(HttpClient http, Uri endpoint, AccessKey key)
{
    /// <summary>The console operation <paramref name="operation"/> (LikenessConsole.*).</summary>
    public Task<ConsoleResponse> Console(string operation, object? input = null) => Send($"LikenessConsole.{operation}", input ?? new { });

    /// <summary>The Rekognition operation <paramref name="operation"/>, with policy headers such as x-likeness-case-id.</summary>
    public Task<ConsoleResponse> Rekognition(string operation, object input, IReadOnlyDictionary<string, string>? headers = null) =>
        Send($"RekognitionService.{operation}", input, headers);

    /// <summary>Any target and any body text, signed.</summary>
    public async Task<ConsoleResponse> Send(string target, object input, IReadOnlyDictionary<string, string>? headers = null)
    {
        var body = input as string ?? JsonSerializer.Serialize(input);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/");
        foreach (var (name, value) in TestSigner.Headers(key, DateTimeOffset.UtcNow, endpoint.Authority, target, body, headers))
        {
            if (name is "host" or "content-type") continue; // HttpClient sends these itself, with the values signed
            request.Headers.TryAddWithoutValidation(name, value);
        }
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-amz-json-1.1");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new ConsoleResponse(response.StatusCode, JsonDocument.Parse(text.Length == 0 ? "{}" : text).RootElement.Clone(), response.Content.Headers.ContentType?.MediaType);
    }
}

/// <summary>An answer: the status, the JSON body, its content type; <see cref="ErrorType"/> and <see cref="Message"/> for errors.</summary>
public sealed record ConsoleResponse(HttpStatusCode Status, JsonElement Body, string? ContentType)
{
    public string? ErrorType => Body.TryGetProperty("__type", out var type) ? type.GetString() : null;

    public string Message => Body.TryGetProperty("Message", out var message) ? message.GetString() ?? "" : "";

    public JsonElement this[string name] => Body.GetProperty(name);

    /// <summary>Asserts a 200 answer (showing the error otherwise) and returns the body.</summary>
    public JsonElement Ok()
    {
        Assert.True(Status == HttpStatusCode.OK, $"expected 200, got {(int)Status} {ErrorType}: {Message}");
        return Body;
    }

    /// <summary>Asserts an error of <paramref name="type"/> and returns its message.</summary>
    public string Error(string type)
    {
        Assert.True(ErrorType == type, $"expected {type}, got {(int)Status} {ErrorType}: {Message} {Body}");
        return Message;
    }
}
