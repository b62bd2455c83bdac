using System.Text.Json;

namespace Likeness.Server.Protocol;

/// <summary>
/// The operations and shapes Likeness serves, as botocore describes them (rekognition-model.json, cut
/// from botocore's `rekognition/2016-06-27/service-2.json` by tools/service-model/extract.py). Requests
/// are validated against these shapes, so bounds, patterns and enums are exactly the real service's.
/// </summary>
public sealed class ServiceModel
{
    private ServiceModel(JsonElement root)
    {
        Operations = root.GetProperty("operations").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetProperty("input").GetString()!, StringComparer.Ordinal);
        Shapes = root.GetProperty("shapes").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
        TargetPrefix = root.GetProperty("metadata").GetProperty("targetPrefix").GetString()!;
    }

    /// <summary>The model shipped with this build.</summary>
    public static ServiceModel Rekognition { get; } = Load();

    /// <summary>`RekognitionService`, the X-Amz-Target prefix.</summary>
    public string TargetPrefix { get; }

    /// <summary>Operation name → its input shape.</summary>
    public IReadOnlyDictionary<string, string> Operations { get; }

    /// <summary>Shape name → its definition (type, members, min, max, pattern, enum, ...).</summary>
    public IReadOnlyDictionary<string, JsonElement> Shapes { get; }

    private static ServiceModel Load()
    {
        using var stream = typeof(ServiceModel).Assembly.GetManifestResourceStream("Likeness.Server.Protocol.rekognition-model.json")
            ?? throw new InvalidOperationException("rekognition-model.json is not embedded in Likeness.Server.");
        using var document = JsonDocument.Parse(stream);
        return new ServiceModel(document.RootElement);
    }
}
