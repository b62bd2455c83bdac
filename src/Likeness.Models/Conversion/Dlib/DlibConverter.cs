using Likeness.Models.Conversion.FaceApi;
using Likeness.Models.Conversion.Onnx;

namespace Likeness.Models.Conversion.Dlib;

/// <summary>
/// Converts dlib's face recognition ResNet (`dlib_face_recognition_resnet_model_v1.dat`, float32) to ONNX with face-api's
/// port of its architecture (<see cref="FaceRecognitionGraph"/>) and dlib's own input scaling, so the model takes
/// exactly what faceapi-recognition takes and gives a 128-d descriptor on the same scale.
/// </summary>
public static class DlibConverter
{
    private const string Producer = "Likeness.Models.Conversion.Dlib";
    private const string ProducerVersion = "1";

    /// <summary>Converts the .dat at <paramref name="datPath"/>; the same file always gives the same bytes.</summary>
    /// <exception cref="Tfjs.TfjsConversionException">The file is not this network.</exception>
    public static byte[] ConvertRecognition(string datPath, string modelName)
    {
        var source = Path.GetFileName(datPath);
        var weights = new FaceApiWeightMap(DlibRecognitionWeights.Read(DlibDnnFile.Read(datPath), source), source);
        var graph = new OnnxGraphBuilder(modelName);
        FaceRecognitionGraph.Build(new FaceApiLayers(graph, weights), FaceRecognitionGraph.DlibPixelDivisor);
        // File names only, never full paths: the bytes must not depend on where the asset cache lives.
        return graph.ToModelBytes(Producer, ProducerVersion,
        [
            new("source", $"face-recognition-models@0.0.0 models/{source}"),
            new("architecture", $"@vladmandic/face-api@1.7.15 {FaceRecognitionGraph.Architecture}, input divided by 256 as dlib's input_rgb_image does"),
            new("converter", $"{Producer}.{nameof(DlibConverter)}"),
            new("input", $"{FaceApiLayers.InputName}: float32 [batch,{FaceRecognitionGraph.InputSize},{FaceRecognitionGraph.InputSize},3] NHWC RGB 0-255"),
        ]);
    }
}
