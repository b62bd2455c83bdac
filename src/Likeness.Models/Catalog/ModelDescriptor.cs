using Likeness.Models.Conversion.Tfjs;

namespace Likeness.Models.Catalog;

/// <summary>One model Likeness converts and ships: where it comes from, what it takes, what it is for.</summary>
/// <param name="Name">The model id; also the ONNX file name in the cache (models/&lt;Name&gt;.onnx).</param>
/// <param name="Package">The npm package that publishes the weights.</param>
/// <param name="SourcePath">model.json or the weights manifest, relative to the package root.</param>
/// <param name="InputShape">The ONNX input, NHWC; "batch" marks a dynamic dimension.</param>
/// <param name="Upstream">Where the network was trained or first published, as the package records it.</param>
/// <param name="Cut">For a TF.js graph converted in part (opened input size, inner outputs); null for the whole model.</param>
/// <param name="QuantizedFrom">For an 8-bit model: the float catalog model whose graph it quantises, with the activation ranges shipped in Catalog/Ranges/&lt;Name&gt;.ranges.json; null for a float model.</param>
public sealed record ModelDescriptor(
    string Name,
    ModelSourceFormat Format,
    string Package,
    string SourcePath,
    string InputShape,
    string Purpose,
    string Upstream,
    TfjsGraphCut? Cut = null,
    string? QuantizedFrom = null);
