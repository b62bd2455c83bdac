using System.Text.Json;
using System.Text.Json.Serialization;

namespace Likeness.Models.Conversion.Quantization;

/// <summary>
/// The range each activation of a network took on calibration inputs: what static quantisation maps onto
/// 0-255. Measured by `likeness models calibrate` and shipped beside the catalog
/// (<c>Catalog/Ranges/&lt;model&gt;.ranges.json</c>), so a quantised model converts to the same bytes everywhere.
/// </summary>
/// <param name="Model">The quantised catalog model these ranges are for.</param>
/// <param name="Source">The float catalog model that was run to measure them.</param>
/// <param name="CalibratedOn">The data: which images, how many network inputs.</param>
/// <param name="Date">When they were measured (yyyy-MM-dd).</param>
/// <param name="Ranges">Tensor name (as the float model names it) → least and greatest value seen.</param>
public sealed record ActivationRanges(string Model, string Source, string CalibratedOn, string Date, IReadOnlyDictionary<string, ActivationRange> Ranges)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The range of <paramref name="tensor"/>; throws naming it when the calibration did not record it.</summary>
    public ActivationRange Of(string tensor) =>
        Ranges.TryGetValue(tensor, out var range)
            ? range
            : throw new InvalidDataException($"The {Model} calibration has no range for '{tensor}'; measure it again with `likeness models calibrate {Model}`.");

    public static ActivationRanges Parse(string json) =>
        JsonSerializer.Deserialize<ActivationRanges>(json, Json) ?? throw new InvalidDataException("The activation ranges file is empty.");

    /// <summary>The JSON written to the catalog, tensors in name order so that a re-measurement diffs line by line.</summary>
    public string ToJson() =>
        JsonSerializer.Serialize(this with { Ranges = new SortedDictionary<string, ActivationRange>(Ranges.ToDictionary(), StringComparer.Ordinal) }, Json);

    /// <summary>The ranges shipped for <paramref name="model"/> (an embedded resource of this assembly).</summary>
    public static ActivationRanges Shipped(string model)
    {
        var resource = $"Likeness.Models.Catalog.Ranges.{model}.ranges.json";
        using var stream = typeof(ActivationRanges).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidDataException($"No activation ranges are shipped for {model} ({resource}).");
        using var reader = new StreamReader(stream);
        var ranges = Parse(reader.ReadToEnd());
        if (ranges.Model != model) throw new InvalidDataException($"{resource} holds the ranges of {ranges.Model}, not {model}.");
        return ranges;
    }
}

/// <summary>The least and greatest value one activation took.</summary>
public sealed record ActivationRange(float Min, float Max);
