using Likeness.Models.Catalog;
using Likeness.Models.Conversion.FaceApi;
using Likeness.Models.Conversion.Tfjs;

namespace Likeness.Models.Conversion;

/// <summary>Converts a catalog model from its cached source files to ONNX bytes, choosing the converter by source format.</summary>
public static class ModelConverter
{
    public static byte[] Convert(ModelDescriptor model, string sourcePath) => model.Format switch
    {
        ModelSourceFormat.TfjsGraph => TfjsGraphConverter.Convert(sourcePath, model.Name, model.Cut),
        ModelSourceFormat.FaceApiWeightMap => FaceApiConverter.Convert(FaceApiNetOf(model.Name), sourcePath, model.Name),
        _ => throw new ArgumentOutOfRangeException(nameof(model), model.Format, "Unknown source format."),
    };

    private static FaceApiNet FaceApiNetOf(string modelName) => modelName switch
    {
        "faceapi-ssd-mobilenetv1" => FaceApiNet.SsdMobilenetV1,
        "faceapi-landmark68" => FaceApiNet.FaceLandmark68,
        "faceapi-recognition" => FaceApiNet.FaceRecognition,
        "faceapi-age-gender" => FaceApiNet.AgeGender,
        "faceapi-expression" => FaceApiNet.FaceExpression,
        _ => throw new ArgumentException($"'{modelName}' is not a face-api net.", nameof(modelName)),
    };
}
