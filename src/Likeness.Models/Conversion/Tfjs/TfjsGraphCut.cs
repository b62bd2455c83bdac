namespace Likeness.Models.Conversion.Tfjs;

/// <summary>
/// Converts part of a TF.js graph instead of the whole: the model's input with its height and width left open,
/// and chosen inner nodes as the outputs.
/// </summary>
/// <remarks>
/// A detector's graph ends in reshapes to a fixed anchor count and starts at a fixed input size, though its
/// convolutions would run at any size. Cut before the reshapes and opened at the input, the same weights
/// see a whole photo in one run, and the caller lays out the anchors for the size it fed.
/// </remarks>
/// <param name="Outputs">ONNX output name → the TF.js node whose value it is, in output order (NHWC, as TF.js has it).</param>
public sealed record TfjsGraphCut(IReadOnlyList<KeyValuePair<string, string>> Outputs);
