using Likeness.Models.Conversion.Onnx;

namespace Likeness.Models.Conversion.FaceApi;

/// <summary>
/// face-api's AgeGenderNet (src/ageGenderNet/): a TinyXception trunk with two main blocks, a 7x7 average
/// pool, and two fully connected heads.
/// </summary>
/// <remarks>
/// Input contract: <c>input</c> float32 [batch, 112, 112, 3], NHWC, RGB pixel values 0-255 of the face
/// crop resized to 112x112 (see <see cref="TinyXceptionGraph"/> for the normalisation inside).
/// Outputs, as AgeGenderNet.forwardInput returns them:
/// <c>age</c> float32 [batch], the age regression in years (face-api rounds nothing);
/// <c>gender</c> float32 [batch, 2], softmax probabilities (male, female): face-api reports male when
/// gender[0] &gt; 0.5.
/// </remarks>
internal static class AgeGenderGraph
{
    public const string Architecture = "src/ageGenderNet/AgeGenderNet.ts";

    /// <summary>AgeGenderNet's constructor: new TinyXception(2).</summary>
    private const int NumMainBlocks = 2;

    public static void Build(FaceApiLayers layers)
    {
        var features = TinyXceptionGraph.Build(layers, NumMainBlocks);
        var pooled = layers.AveragePool(features, 7, 2, TfPadding.Valid, "avg_pool");
        var flat = layers.Flatten(pooled, "pooled");
        var graph = layers.Graph;

        var ageColumn = layers.FullyConnected(flat, pooled.Channels, 1, "fc/age", "fc_age");
        var age = graph.AddNode("Reshape", [ageColumn, layers.Int64s("age/shape", [-1])], "age");

        var genderLogits = layers.FullyConnected(flat, pooled.Channels, 2, "fc/gender", "fc_gender");
        var gender = graph.AddNode("Softmax", [genderLogits], "gender", OnnxAttribute.Int("axis", -1));

        graph.AddOutput(age, OnnxElementType.Float, [OnnxDim.Symbolic("batch")]);
        graph.AddOutput(gender, OnnxElementType.Float, [OnnxDim.Symbolic("batch"), OnnxDim.Fixed(2)]);
    }
}
