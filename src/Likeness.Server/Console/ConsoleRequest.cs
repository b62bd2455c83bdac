using System.Globalization;
using System.Text.Json;
using Likeness.Server.Protocol;

namespace Likeness.Server.Console;

/// <summary>
/// Typed, checked reads of a console request body (a JSON object). The console operations have no botocore shape,
/// so each member is checked here: a member of the wrong type or out of range is InvalidParameterException whose
/// message starts with the member's name. A member that is absent, null or an empty string counts as not given
/// (a form's empty field); members the operation does not read are ignored, as AWS ignores them.
/// </summary>
public readonly struct ConsoleRequest(JsonElement body)
{
    /// <summary>An optional string of at most <paramref name="maxLength"/> characters, without control characters unless <paramref name="multiline"/> (which allows line breaks and tabs).</summary>
    public string? String(string name, int maxLength = 256, bool multiline = false)
    {
        if (Member(name) is not { } value) return null;
        if (value.ValueKind != JsonValueKind.String) throw Invalid(name, $"must be a string, not {Kind(value)}");
        var text = value.GetString()!;
        if (text.Length == 0) return null;
        if (text.Length > maxLength) throw Invalid(name, $"must be at most {maxLength.ToString(CultureInfo.InvariantCulture)} characters; it has {text.Length.ToString(CultureInfo.InvariantCulture)}");
        if (text.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'))) throw Invalid(name, "must not contain control characters");
        return text;
    }

    /// <summary>A string that must be given.</summary>
    public string Required(string name, int maxLength = 256, bool multiline = false) =>
        String(name, maxLength, multiline) ?? throw Invalid(name, "is required");

    /// <summary>An optional string that must be one of <paramref name="allowed"/> (exactly, case included).</summary>
    public string? OneOf(string name, IReadOnlyCollection<string> allowed)
    {
        var text = String(name);
        if (text is not null && !allowed.Contains(text, StringComparer.Ordinal)) throw Invalid(name, $"must be one of {string.Join(", ", allowed)}; got '{Clip(text)}'");
        return text;
    }

    /// <summary>An optional whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public int? Integer(string name, int min, int max)
    {
        if (Member(name) is not { } value) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < min || number > max)
        {
            throw Invalid(name, $"must be a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}; got {value.GetRawText()}");
        }
        return number;
    }

    /// <summary>An optional number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public double? Number(string name, double min, double max)
    {
        if (Member(name) is not { } value) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number) || number < min || number > max)
        {
            throw Invalid(name, $"must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}; got {value.GetRawText()}");
        }
        return number;
    }

    /// <summary>An optional true or false.</summary>
    public bool? Boolean(string name) => Member(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { } value => throw Invalid(name, $"must be true or false, not {Kind(value)}"),
    };

    /// <summary>An optional calendar date written yyyy-MM-dd.</summary>
    public DateOnly? Date(string name)
    {
        var text = String(name, 10);
        if (text is null) return null;
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw Invalid(name, $"must be a date written yyyy-MM-dd; got '{text}'");
    }

    /// <summary>The InvalidParameterException for member <paramref name="name"/>: "Name problem."</summary>
    public static AwsErrorException Invalid(string name, string problem) => AwsErrorException.InvalidParameter($"{name} {problem}.");

    private JsonElement? Member(string name) => body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string Clip(string text) => text.Length <= 64 ? text : text[..64] + "...";
}
