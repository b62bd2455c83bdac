using Likeness.Models.Conversion.Onnx;

namespace Likeness.Models.Conversion.FaceApi;

/// <summary>
/// face-api's FaceExpressionNet (src/faceExpressionNet/): the FaceFeatureExtractor trunk, a fully
/// connected layer to seven logits and a softmax.
/// </summary>
/// <remarks>
/// Input contract: <c>input</c> float32 [batch, 112, 112, 3], NHWC, RGB pixel values 0-255 of the face
/// crop resized to 112x112 (see <see cref="FaceFeatureExtractorGraph"/> for the normalisation inside).
/// Output: <c>expressions</c> float32 [batch, 7], probabilities (softmax, as FaceExpressionNet.forwardInput
/// applies it) in face-api's FACE_EXPRESSION_LABELS order: neutral, happy, sad, angry, fearful, disgusted,
/// surprised.
/// </remarks>
internal static class FaceExpressionGraph
{
    public const string Architecture = "src/faceExpressionNet/FaceExpressionNet.ts";

    public static void Build(FaceApiLayers layers)
    {
        var features = FaceFeatureExtractorGraph.Build(layers);
        var flat = layers.Flatten(features, "features");
        var logits = layers.FullyConnected(flat, features.Channels, 7, "fc", "logits");
        var expressions = layers.Graph.AddNode("Softmax", [logits], "expressions", OnnxAttribute.Int("axis", -1));
        layers.Graph.AddOutput(expressions, OnnxElementType.Float, [OnnxDim.Symbolic("batch"), OnnxDim.Fixed(7)]);
    }
}
