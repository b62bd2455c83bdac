using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Likeness.Server.Protocol;

/// <summary>
/// Checks a request body against its input shape, the way AWS's front end does before the operation
/// runs: a value of the wrong JSON type is a SerializationException (the body cannot be read as the
/// shape); a value that breaks a constraint (required, min, max, pattern, enum) is an
/// InvalidParameterException worded as AWS words it ("1 validation error detected: Value '...' at
/// 'collectionId' failed to satisfy constraint: ..."). Members the shape does not know are ignored, as
/// AWS ignores them.
/// </summary>
public sealed class RequestValidator(ServiceModel model)
{
    private readonly Dictionary<string, Regex> _patterns = [];
    private readonly Lock _gate = new();

    /// <summary>Throws <see cref="AwsErrorException"/> at the first problem; returns when the request fits the shape.</summary>
    public void Validate(string inputShape, JsonElement request)
    {
        if (request.ValueKind != JsonValueKind.Object) throw Serialization("the request body must be a JSON object");
        Check(inputShape, request, "");
    }

    private void Check(string shapeName, JsonElement value, string path)
    {
        var shape = model.Shapes[shapeName];
        var type = shape.GetProperty("type").GetString();
        switch (type)
        {
            case "structure":
                if (value.ValueKind != JsonValueKind.Object) throw Serialization($"'{path}' must be an object");
                if (shape.TryGetProperty("required", out var required))
                {
                    foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
                    {
                        if (!value.TryGetProperty(name, out var member) || member.ValueKind == JsonValueKind.Null)
                        {
                            throw Constraint($"Value null at '{Camel(Join(path, name))}' failed to satisfy constraint: Member must not be null");
                        }
                    }
                }
                var members = shape.GetProperty("members");
                foreach (var property in value.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.Null) continue;
                    if (members.TryGetProperty(property.Name, out var member)) Check(member.GetProperty("shape").GetString()!, property.Value, Join(path, property.Name));
                }
                break;
            case "list":
                if (value.ValueKind != JsonValueKind.Array) throw Serialization($"'{path}' must be a list");
                Length(shape, value.GetArrayLength(), path, "length");
                var index = 0;
                foreach (var item in value.EnumerateArray()) Check(shape.GetProperty("member").GetProperty("shape").GetString()!, item, $"{path}.{++index}.member");
                break;
            case "map":
                if (value.ValueKind != JsonValueKind.Object) throw Serialization($"'{path}' must be a map");
                Length(shape, value.EnumerateObject().Count(), path, "length");
                foreach (var entry in value.EnumerateObject())
                {
                    CheckString(model.Shapes[shape.GetProperty("key").GetProperty("shape").GetString()!], entry.Name, $"{path}.key");
                    Check(shape.GetProperty("value").GetProperty("shape").GetString()!, entry.Value, $"{path}.value");
                }
                break;
            case "string":
                if (value.ValueKind != JsonValueKind.String) throw Serialization($"'{path}' must be a string");
                CheckString(shape, value.GetString()!, path);
                break;
            case "integer" or "long":
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var whole)) throw Serialization($"'{path}' must be a whole number");
                if (type == "integer" && whole is < int.MinValue or > int.MaxValue) throw Serialization($"'{path}' is out of the integer range");
                Bound(shape, whole, path);
                break;
            case "float" or "double":
                if (value.ValueKind != JsonValueKind.Number) throw Serialization($"'{path}' must be a number");
                Bound(shape, value.GetDouble(), path);
                break;
            case "boolean":
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) throw Serialization($"'{path}' must be true or false");
                break;
            case "blob":
                if (value.ValueKind != JsonValueKind.String) throw Serialization($"'{path}' must be a base64 string");
                // Bytes are checked for size by the operation, which answers ImageTooLargeException as Rekognition does.
                break;
            case "timestamp":
                if (value.ValueKind is not (JsonValueKind.Number or JsonValueKind.String)) throw Serialization($"'{path}' must be a timestamp");
                break;
            default:
                throw new InvalidOperationException($"Shape {shapeName} has type {type}, which the validator does not know.");
        }
    }

    private void CheckString(JsonElement shape, string text, string path)
    {
        Length(shape, text.Length, path, "length", text);
        if (shape.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => a.GetString() == text))
        {
            throw Constraint($"Value '{Clip(text)}' at '{Camel(path)}' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", allowed.EnumerateArray().Select(a => a.GetString()))}]");
        }
        if (shape.TryGetProperty("pattern", out var pattern) && !Pattern(pattern.GetString()!).IsMatch(text))
        {
            throw Constraint($"Value '{Clip(text)}' at '{Camel(path)}' failed to satisfy constraint: Member must satisfy regular expression pattern: {pattern.GetString()}");
        }
    }

    private static void Length(JsonElement shape, long length, string path, string what, string? text = null)
    {
        if (shape.TryGetProperty("min", out var min) && length < min.GetInt64())
        {
            throw Constraint($"Value {(text is null ? "" : $"'{Clip(text)}' ")}at '{Camel(path)}' failed to satisfy constraint: Member must have {what} greater than or equal to {min.GetInt64()}");
        }
        if (shape.TryGetProperty("max", out var max) && length > max.GetInt64())
        {
            throw Constraint($"Value {(text is null ? "" : $"'{Clip(text)}' ")}at '{Camel(path)}' failed to satisfy constraint: Member must have {what} less than or equal to {max.GetInt64()}");
        }
    }

    private static void Bound(JsonElement shape, double value, string path)
    {
        var shown = value.ToString(CultureInfo.InvariantCulture);
        if (shape.TryGetProperty("min", out var min) && value < min.GetDouble())
        {
            throw Constraint($"Value '{shown}' at '{Camel(path)}' failed to satisfy constraint: Member must have value greater than or equal to {min.GetDouble().ToString(CultureInfo.InvariantCulture)}");
        }
        if (shape.TryGetProperty("max", out var max) && value > max.GetDouble())
        {
            throw Constraint($"Value '{shown}' at '{Camel(path)}' failed to satisfy constraint: Member must have value less than or equal to {max.GetDouble().ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private Regex Pattern(string pattern)
    {
        lock (_gate)
        {
            if (!_patterns.TryGetValue(pattern, out var regex))
            {
                // AWS patterns match the whole value; botocore's are written without anchors.
                regex = new Regex($"^(?:{pattern})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                _patterns[pattern] = regex;
            }
            return regex;
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    /// <summary>AWS names members in lower camel case in its messages (collectionId, image.bytes).</summary>
    private static string Camel(string path) => string.Join('.', path.Split('.').Select(p => p.Length > 0 && char.IsUpper(p[0]) ? char.ToLowerInvariant(p[0]) + p[1..] : p));

    private static string Clip(string text) => text.Length <= 64 ? text : text[..64] + "...";

    private static AwsErrorException Constraint(string detail) => AwsErrorException.InvalidParameter($"1 validation error detected: {detail}");

    private static AwsErrorException Serialization(string detail) => new("SerializationException", $"The request could not be read: {detail}.");
}
