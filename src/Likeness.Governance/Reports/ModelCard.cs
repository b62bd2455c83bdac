using System.Text.Json;

namespace Likeness.Governance.Reports;

/// <summary>
/// What the shipped face models are and what was measured about them, for the accountability report: the
/// embedded <c>model-card.json</c>, each figure copied from the doc that records it (docs/ACCURACY.md,
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
    private const string ResourceName = "Likeness.Governance.Reports.model-card.json";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    private static readonly Lazy<ModelCard> DefaultCard = new(() =>
    {
        using var stream = typeof(ModelCard).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The model card resource {ResourceName} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    });

    /// <summary>The card shipped with this build, for face model <see cref="ModelVersion"/>.</summary>
    public static ModelCard Default => DefaultCard.Value;

    /// <summary>The figures about <paramref name="topic"/> ("accuracy", "calibration", "detection", "demographic"), in card order.</summary>
    public IReadOnlyList<ModelCardFigure> FiguresOn(string topic) => [.. Figures.Where(f => f.Topic == topic)];

    /// <summary>Reads a card from JSON; every property is required and unknown ones are refused.</summary>
    public static ModelCard Parse(string json) =>
        JsonSerializer.Deserialize<ModelCard>(json, JsonOptions) ?? throw new FormatException("The model card is JSON null.");
}
