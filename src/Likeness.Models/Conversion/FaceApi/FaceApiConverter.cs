using Likeness.Models.Conversion.Onnx;
using Likeness.Models.Conversion.Quantization;
using Likeness.Models.Conversion.Tfjs;

namespace Likeness.Models.Conversion.FaceApi;

/// <summary>
/// Converts a face-api weight map (*-weights_manifest.json + .bin, which hold weights but no graph) to an
/// ONNX model, rebuilding the architecture from face-api's TypeScript source (@vladmandic/face-api 1.7.15,
/// src/): same weight names, same layer order, same input normalisation.
/// </summary>
/// <remarks>
/// Every model takes <c>input</c>, float32 [batch, size, size, 3]: NHWC RGB pixels 0-255 resized to the
/// net's input size; the net's own normalisation is inside the graph. Outputs are what the net's
/// forwardInput returns before any JavaScript post-processing (no NMS, no landmark rescaling). Per-net
/// contracts are documented on <see cref="SsdMobilenetV1Graph"/>, <see cref="FaceLandmark68Graph"/>,
/// <see cref="FaceRecognitionGraph"/>, <see cref="AgeGenderGraph"/> and <see cref="FaceExpressionGraph"/>.
/// </remarks>
public static class FaceApiConverter
{
    private const string Producer = "Likeness.Models.Conversion.FaceApi";
    private const string ProducerVersion = "1";
    private const string Package = "@vladmandic/face-api@1.7.15";

    /// <summary>
    /// Converts the manifest at <paramref name="manifestPath"/> as <paramref name="net"/>; the same files always
    /// give the same bytes. Throws <see cref="TfjsConversionException"/> naming any missing or misshaped weight.
    /// </summary>
    public static byte[] Convert(FaceApiNet net, string manifestPath, string modelName)
    {
        var (graph, metadata) = BuildGraph(net, manifestPath, modelName);
        return graph.ToModelBytes(Producer, ProducerVersion, metadata);
    }

    /// <summary>The converted graph quantised to 8 bits with <paramref name="ranges"/> (<see cref="StaticQuantizer"/>).</summary>
    internal static byte[] ConvertQuantized(FaceApiNet net, string manifestPath, string modelName, ActivationRanges ranges)
    {
        var (graph, metadata) = BuildGraph(net, manifestPath, modelName);
        StaticQuantizer.Apply(graph, ranges);
        return graph.ToModelBytes(Producer, ProducerVersion,
        [
            .. metadata,
            new("quantization", $"static QDQ: uint8 activations per tensor, int8 weights per output channel; ranges of {ranges.Source} on {ranges.CalibratedOn} ({ranges.Date})"),
        ]);
    }

    /// <summary>The float graph with every tensor the quantiser needs declared an output, for the run that measures their ranges.</summary>
    internal static byte[] ConvertForCalibration(FaceApiNet net, string manifestPath, string modelName)
    {
        var (graph, metadata) = BuildGraph(net, manifestPath, modelName);
        StaticQuantizer.ExposeCalibrationPoints(graph);
        return graph.ToModelBytes(Producer, ProducerVersion, metadata);
    }

    private static (OnnxGraphBuilder Graph, KeyValuePair<string, string>[] Metadata) BuildGraph(FaceApiNet net, string manifestPath, string modelName)
    {
        var weights = new FaceApiWeightMap(TfjsWeightsManifest.LoadFile(manifestPath), Path.GetFileName(manifestPath));
        var graph = new OnnxGraphBuilder(modelName);
        var layers = new FaceApiLayers(graph, weights);
        var (architecture, inputSize) = net switch
        {
            FaceApiNet.SsdMobilenetV1 => Build(SsdMobilenetV1Graph.Build, layers, SsdMobilenetV1Graph.Architecture, SsdMobilenetV1Graph.InputSize),
            FaceApiNet.FaceLandmark68 => Build(FaceLandmark68Graph.Build, layers, FaceLandmark68Graph.Architecture, FaceFeatureExtractorGraph.InputSize),
            FaceApiNet.FaceRecognition => Build(FaceRecognitionGraph.Build, layers, FaceRecognitionGraph.Architecture, FaceRecognitionGraph.InputSize),
            FaceApiNet.AgeGender => Build(AgeGenderGraph.Build, layers, AgeGenderGraph.Architecture, TinyXceptionGraph.InputSize),
            FaceApiNet.FaceExpression => Build(FaceExpressionGraph.Build, layers, FaceExpressionGraph.Architecture, FaceFeatureExtractorGraph.InputSize),
            _ => throw new ArgumentOutOfRangeException(nameof(net), net, null),
        };
        // File names only, never full paths: the bytes must not depend on where the asset cache lives.
        return (graph,
        [
            new("source", $"{Package} model/{Path.GetFileName(manifestPath)}"),
            new("architecture", $"{Package} {architecture}"),
            new("converter", $"{Producer}.{nameof(FaceApiConverter)} ({net})"),
            new("input", $"{FaceApiLayers.InputName}: float32 [batch,{inputSize},{inputSize},3] NHWC RGB 0-255"),
        ]);
    }

    private static (string Architecture, int InputSize) Build(Action<FaceApiLayers> build, FaceApiLayers layers, string architecture, int inputSize)
    {
        build(layers);
        return (architecture, inputSize);
    }
}
