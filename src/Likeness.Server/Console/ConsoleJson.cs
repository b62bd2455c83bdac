using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Likeness.Server.Console;

/// <summary>
/// Console responses as JSON: property names as declared (PascalCase, like Rekognition's), null members written
/// (the contract's "string|null" fields are always present), and times as ISO 8601 UTC strings with milliseconds
/// (2026-11-29T12:00:00.000Z), the form the audit trail stores and browsers parse.
/// </summary>
public static class ConsoleJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new IsoTimeConverter() },
    };

    /// <summary>The compact JSON of <paramref name="response"/>.</summary>
    public static string Serialize(object response) => JsonSerializer.Serialize(response, response.GetType(), Options);

    /// <summary>A time as the console shows it: UTC, to the millisecond.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private sealed class IsoTimeConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(Time(value));
    }
}
