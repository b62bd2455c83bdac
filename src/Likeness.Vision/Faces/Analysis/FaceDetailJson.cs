using System.Text.Json;
using Likeness.Vision.Faces.Attributes;

namespace Likeness.Vision.Faces.Analysis;

/// <summary>
/// Writes faces in the wire shape of Rekognition's DetectFaces response (botocore's
/// `rekognition/2016-06-27/service-2.json`: DetectFacesResponse, FaceDetail), so the CLI and the
/// server print the same JSON. Only fields Likeness estimates are written; the rest are omitted,
/// never filled in (docs/ATTRIBUTES.md lists them).
/// </summary>
public static class FaceDetailJson
{
    /// <summary>The whole response, {"FaceDetails": [...]}, as UTF-8 JSON.</summary>
    public static byte[] DetectFacesResponse(IReadOnlyList<FaceDetail> faces, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(faces);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("FaceDetails");
            foreach (var face in faces) Write(writer, face);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }

    /// <summary>One FaceDetail object. Attributes beyond the default set are written when the face carries them.</summary>
    public static void Write(Utf8JsonWriter writer, FaceDetail face)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(face);
        writer.WriteStartObject();
        writer.WriteStartObject("BoundingBox");
        writer.WriteNumber("Width", (float)face.BoundingBox.Width);
        writer.WriteNumber("Height", (float)face.BoundingBox.Height);
        writer.WriteNumber("Left", (float)face.BoundingBox.Left);
        writer.WriteNumber("Top", (float)face.BoundingBox.Top);
        writer.WriteEndObject();

        if (face.Attributes is { } attributes) WriteAttributes(writer, attributes);

        writer.WriteStartArray("Landmarks");
        foreach (var landmark in face.Landmarks)
        {
            writer.WriteStartObject();
            writer.WriteString("Type", landmark.Type);
            writer.WriteNumber("X", (float)landmark.X);
            writer.WriteNumber("Y", (float)landmark.Y);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();

        writer.WriteStartObject("Pose");
        writer.WriteNumber("Roll", (float)face.Pose.Roll);
        writer.WriteNumber("Yaw", (float)face.Pose.Yaw);
        writer.WriteNumber("Pitch", (float)face.Pose.Pitch);
        writer.WriteEndObject();

        writer.WriteStartObject("Quality");
        writer.WriteNumber("Brightness", (float)face.Quality.Brightness);
        writer.WriteNumber("Sharpness", (float)face.Quality.Sharpness);
        writer.WriteEndObject();

        writer.WriteNumber("Confidence", (float)face.Confidence);
        writer.WriteEndObject();
    }

    private static void WriteAttributes(Utf8JsonWriter writer, FaceAttributes attributes)
    {
        writer.WriteStartObject("AgeRange");
        writer.WriteNumber("Low", attributes.AgeRange.Low);
        writer.WriteNumber("High", attributes.AgeRange.High);
        writer.WriteEndObject();
        WriteBoolean(writer, "Smile", attributes.Smile);
        writer.WriteStartObject("Gender");
        writer.WriteString("Value", attributes.Gender.Value.ToString());
        writer.WriteNumber("Confidence", (float)attributes.Gender.Confidence);
        writer.WriteEndObject();
        WriteBoolean(writer, "EyesOpen", attributes.EyesOpen);
        WriteBoolean(writer, "MouthOpen", attributes.MouthOpen);
        writer.WriteStartArray("Emotions");
        foreach (var emotion in attributes.Emotions)
        {
            writer.WriteStartObject();
            writer.WriteString("Type", emotion.Type.ToString());
            writer.WriteNumber("Confidence", (float)emotion.Confidence);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static void WriteBoolean(Utf8JsonWriter writer, string name, BooleanAttribute attribute)
    {
        writer.WriteStartObject(name);
        writer.WriteBoolean("Value", attribute.Value);
        writer.WriteNumber("Confidence", (float)attribute.Confidence);
        writer.WriteEndObject();
    }
}
