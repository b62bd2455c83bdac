using Likeness.Models.Conversion.Onnx;

namespace Likeness.Models.Conversion.FaceApi;

/// <summary>
/// face-api's FaceLandmark68Net (src/faceLandmarkNet/): the FaceFeatureExtractor trunk and a fully
/// connected layer to 68 (x, y) points.
/// </summary>
/// <remarks>
/// Input contract: <c>input</c> float32 [batch, 112, 112, 3], NHWC, RGB pixel values 0-255 of the face
/// crop resized to 112x112 (see <see cref="FaceFeatureExtractorGraph"/> for the normalisation inside).
/// Output: <c>landmarks</c> float32 [batch, 136], interleaved x0, y0, x1, y1, ... of the 68 points as
/// fractions (0-1) of the 112x112 input: FaceProcessor.runNet's output. face-api's postProcess then only
/// undoes the centred square padding of a non-square crop; for a square crop it is the identity.
/// </remarks>
internal static class FaceLandmark68Graph
{
    public const string Architecture = "src/faceLandmarkNet/FaceLandmark68Net.ts";

    public static void Build(FaceApiLayers layers)
    {
        var features = FaceFeatureExtractorGraph.Build(layers);
        var flat = layers.Flatten(features, "features");
        var landmarks = layers.FullyConnected(flat, features.Channels, 136, "fc", "landmarks");
        layers.Graph.AddOutput(landmarks, OnnxElementType.Float, [OnnxDim.Symbolic("batch"), OnnxDim.Fixed(136)]);
    }
}
