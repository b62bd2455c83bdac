using System.Text.RegularExpressions;

namespace Likeness.Collections.Validation;

/// <summary>
/// The bounds and patterns botocore's `rekognition/2016-06-27/service-2.json` gives the collection
/// operations' parameters, checked the way the service does: a violation is InvalidParameterException
/// naming the parameter, its constraint and the value's problem (never the whole value, which may be long).
/// </summary>
internal static partial class RekognitionParameters
{
    [GeneratedRegex(@"^[a-zA-Z0-9_.\-]+$")]
    private static partial Regex CollectionIdPattern();

    [GeneratedRegex(@"^[a-zA-Z0-9_.\-:]+$")]
    private static partial Regex ExternalIdPattern();

    [GeneratedRegex(@"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex FaceIdPattern();

    [GeneratedRegex(@"^[a-zA-Z0-9-_]+$")]
    private static partial Regex ClientRequestTokenPattern();

    public static void CollectionId(string? value) => Text("CollectionId", value, 1, 255, CollectionIdPattern(), "[a-zA-Z0-9_.\\-]+");

    public static void ExternalImageId(string? value)
    {
        if (value is not null) Text("ExternalImageId", value, 1, 255, ExternalIdPattern(), "[a-zA-Z0-9_.\\-:]+");
    }

    public static void UserId(string? value) => Text("UserId", value, 1, 128, ExternalIdPattern(), "[a-zA-Z0-9_.\\-:]+");

    public static void FaceId(string? value, string name = "FaceId") => Text(name, value, 36, 36, FaceIdPattern(), "a lowercase UUID such as 11111111-2222-3333-4444-555555555555");

    public static void ClientRequestToken(string? value)
    {
        if (value is not null) Text("ClientRequestToken", value, 1, 64, ClientRequestTokenPattern(), "^[a-zA-Z0-9-_]+$");
    }

    public static void FaceIds(IReadOnlyList<string>? values, int max, string name = "FaceIds")
    {
        if (values is null || values.Count == 0) throw CollectionException.Invalid($"{name} must hold at least one face id.");
        if (values.Count > max) throw CollectionException.Invalid($"{name} holds {values.Count} face ids; at most {max} are allowed.");
        foreach (var id in values) FaceId(id, name);
    }

    /// <summary>An optional integer parameter within [min, max]; the default when absent.</summary>
    public static int Range(string name, int? value, int min, int max, int defaultValue)
    {
        if (value is null) return defaultValue;
        if (value < min || value > max) throw CollectionException.Invalid($"{name} must be between {min} and {max}, got {value}.");
        return value.Value;
    }

    /// <summary>A Percent parameter (0-100); the default when absent.</summary>
    public static double Percent(string name, double? value, double defaultValue)
    {
        if (value is null) return defaultValue;
        if (double.IsNaN(value.Value) || value < 0 || value > 100) throw CollectionException.Invalid($"{name} must be between 0 and 100, got {value}.");
        return value.Value;
    }

    private static void Text(string name, string? value, int min, int max, Regex pattern, string patternText)
    {
        if (value is null) throw CollectionException.Invalid($"{name} is required.");
        if (value.Length < min || value.Length > max)
        {
            throw CollectionException.Invalid(min == max
                ? $"{name} must be {min} characters long, got {value.Length}."
                : $"{name} must be {min} to {max} characters long, got {value.Length}.");
        }
        if (!pattern.IsMatch(value)) throw CollectionException.Invalid($"{name} must match {patternText}.");
    }
}
