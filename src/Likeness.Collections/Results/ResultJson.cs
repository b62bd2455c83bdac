using System.Text.Json;
using System.Text.Json.Serialization;
using Likeness.Vision.Faces.Analysis;

namespace Likeness.Collections.Results;

/// <summary>
/// The results as Rekognition's JSON responses: property names as they are, absent values left out,
/// timestamps as epoch seconds (AWS JSON 1.1), FaceDetail written by <see cref="FaceDetailJson"/> so
/// DetectFaces and IndexFaces describe a face identically.
/// </summary>
public static class ResultJson
{
    private static readonly JsonSerializerOptions Indented = Options(true);
    private static readonly JsonSerializerOptions Compact = Options(false);

    public static string Serialize(object result, bool indented = true) =>
        JsonSerializer.Serialize(result, result.GetType(), indented ? Indented : Compact);

    private static JsonSerializerOptions Options(bool indented) => new()
    {
        WriteIndented = indented,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new FaceDetailConverter(), new EpochSecondsConverter() },
    };

    private sealed class FaceDetailConverter : JsonConverter<FaceDetail>
    {
        public override FaceDetail Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("FaceDetail is only written.");

        public override void Write(Utf8JsonWriter writer, FaceDetail value, JsonSerializerOptions options) => FaceDetailJson.Write(writer, value);
    }

    private sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.FromUnixTimeMilliseconds((long)(reader.GetDouble() * 1000));

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(value.ToUnixTimeMilliseconds() / 1000.0);
    }
}
