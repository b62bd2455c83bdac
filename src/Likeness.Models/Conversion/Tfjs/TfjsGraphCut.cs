namespace Likeness.Models.Conversion.Tfjs;

/// <summary>
/// Converts part of a TF.js graph instead of the whole: the model's input (or an inner node's value) with its
/// height and width left open, and chosen inner nodes as the outputs.
/// </summary>
/// <remarks>
/// A detector's graph ends in reshapes to a fixed anchor count and starts at a fixed input size, though its
/// convolutions would run at any size. Cut before the reshapes and opened at the input, the same weights
/// see a whole photo in one run, and the caller lays out the anchors for the size it fed. Cut at an inner input,
/// the caller computes the layers before it another way and feeds their result.
/// </remarks>
/// <param name="Outputs">ONNX output name → the TF.js node whose value it is, in output order (NHWC, as TF.js has it).</param>
/// <param name="Input">The inner node whose value the caller feeds instead of the model's input; null to start at the model's input.</param>
public sealed record TfjsGraphCut(IReadOnlyList<KeyValuePair<string, string>> Outputs, TfjsCutInput? Input = null);

/// <summary>An inner node's value fed as the model's input: NCHW, as the convolutions that read it compute, batch 1, height and width open.</summary>
/// <param name="Name">The ONNX input's name.</param>
/// <param name="Node">The TF.js node whose value it is; nothing before it is converted.</param>
/// <param name="Channels">The value's channel count (TF.js graphs do not record inner shapes).</param>
public sealed record TfjsCutInput(string Name, string Node, int Channels);
