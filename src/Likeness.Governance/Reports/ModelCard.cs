using System.Collections.Concurrent;
using System.Text.Json;
using Likeness.Collections;

namespace Likeness.Governance.Reports;

/// <summary>
/// What a shipped face model is and what was measured about it, for the accountability report: the embedded
/// <c>model-card-&lt;version&gt;.json</c> of each face model version, each figure copied from the doc that records it (docs/ACCURACY.md,
/// THRESHOLDS.md, DETECTION.md, ATTRIBUTES.md) with that doc and the command that produced it. The figures
/// live in data, not code, so an operator can see and diff them, and a re-measurement changes one file.
/// </summary>
public sealed record ModelCard(
    string Service,
    string Vendor,
    string ModelVersion,
    string Embedder,
    string Detector,
    string MeasuredOn,
    IReadOnlyList<string> Capabilities,
    IReadOnlyList<string> ForeseeableCapabilities,
    IReadOnlyList<string> Limitations,
    IReadOnlyList<string> DataInputs,
    IReadOnlyList<string> DataOutputs,
    IReadOnlyList<ModelCardFigure> Figures)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    private static readonly ConcurrentDictionary<string, ModelCard> Cards = new(StringComparer.Ordinal);

    /// <summary>The card of the default face model (<see cref="FaceModel.Default"/>).</summary>
    public static ModelCard Default => For(FaceModel.Default.Version);

    /// <summary>
    /// The card of face model <paramref name="version"/>, the one a server started with `--face-model` reports on;
    /// InvalidOperationException when this build ships none for it.
    /// </summary>
    public static ModelCard For(string version) => Cards.GetOrAdd(version, Load);

    private static ModelCard Load(string version)
    {
        var resource = $"Likeness.Governance.Reports.model-card-{version}.json";
        using var stream = typeof(ModelCard).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"No model card is shipped for face model {version} ({resource}).");
        using var reader = new StreamReader(stream);
        var card = Parse(reader.ReadToEnd());
        return card.ModelVersion == version ? card : throw new InvalidOperationException($"{resource} describes face model {card.ModelVersion}, not {version}.");
    }

    /// <summary>The figures about <paramref name="topic"/> ("accuracy", "calibration", "detection", "demographic"), in card order.</summary>
    public IReadOnlyList<ModelCardFigure> FiguresOn(string topic) => [.. Figures.Where(f => f.Topic == topic)];

    /// <summary>Reads a card from JSON; every property is required and unknown ones are refused.</summary>
    public static ModelCard Parse(string json) =>
        JsonSerializer.Deserialize<ModelCard>(json, JsonOptions) ?? throw new FormatException("The model card is JSON null.");
}
