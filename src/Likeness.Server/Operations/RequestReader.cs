using System.Text.Json;

namespace Likeness.Server.Operations;

/// <summary>Typed reads of a request body that the validator has already checked against its shape.</summary>
public readonly struct RequestReader(JsonElement body)
{
    public JsonElement Body => body;

    public string String(string name) => Optional(name) ?? throw new InvalidOperationException($"{name} is required by the shape; the validator lets no request without it through.");

    public string? Optional(string name) => Member(name)?.GetString();

    public int? Int(string name) => Member(name)?.GetInt32();

    public double? Double(string name) => Member(name)?.GetDouble();

    public IReadOnlyList<string>? Strings(string name) => Member(name)?.EnumerateArray().Select(e => e.GetString()!).ToList();

    public IReadOnlyDictionary<string, string>? Map(string name) => Member(name)?.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

    public JsonElement? Member(string name) => body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
}
