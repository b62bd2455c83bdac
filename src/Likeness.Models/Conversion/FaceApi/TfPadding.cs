namespace Likeness.Models.Conversion.FaceApi;

/// <summary>TensorFlow's padding modes as face-api passes them to conv2d and the pools.</summary>
internal enum TfPadding
{
    /// <summary>Output ceil(in / stride); any odd padding goes to the bottom/right (SAME_UPPER in ONNX terms).</summary>
    Same,

    /// <summary>No padding: output floor((in - kernel) / stride) + 1.</summary>
    Valid,
}
