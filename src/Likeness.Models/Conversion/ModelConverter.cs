using Likeness.Models.Catalog;
using Likeness.Models.Conversion.Dlib;
using Likeness.Models.Conversion.FaceApi;
using Likeness.Models.Conversion.Quantization;
using Likeness.Models.Conversion.Tfjs;

namespace Likeness.Models.Conversion;

/// <summary>Converts a catalog model from its cached source files to ONNX bytes, choosing the converter by source format.</summary>
public static class ModelConverter
{
    public static byte[] Convert(ModelDescriptor model, string sourcePath) => model.QuantizedFrom is not null
        ? FaceApiConverter.ConvertQuantized(FaceApiNetOf(QuantizedSource(model)), sourcePath, model.Name, ActivationRanges.Shipped(model.Name))
        : model.Format switch
    {
        ModelSourceFormat.TfjsGraph => TfjsGraphConverter.Convert(sourcePath, model.Name, model.Cut),
        ModelSourceFormat.FaceApiWeightMap => FaceApiConverter.Convert(FaceApiNetOf(model.Name), sourcePath, model.Name),
        ModelSourceFormat.DlibDnn => DlibConverter.ConvertRecognition(sourcePath, model.Name),
        _ => throw new ArgumentOutOfRangeException(nameof(model), model.Format, "Unknown source format."),
    };

    /// <summary>
    /// The float network behind 8-bit <paramref name="model"/> with every tensor its quantisation needs declared an
    /// output: what `likeness models calibrate` runs to measure the activation ranges.
    /// </summary>
    public static byte[] ConvertForCalibration(ModelDescriptor model, string sourcePath)
    {
        var source = QuantizedSource(model);
        return FaceApiConverter.ConvertForCalibration(FaceApiNetOf(source), sourcePath, source);
    }

    private static string QuantizedSource(ModelDescriptor model)
    {
        if (model.QuantizedFrom is not { } source) throw new ArgumentException($"{model.Name} is not an 8-bit model.", nameof(model));
        // The quantiser handles the layer kinds of face-api's nets; a TF.js graph would need its own check first.
        if (model.Format != ModelSourceFormat.FaceApiWeightMap) throw new NotSupportedException($"{model.Name}: only face-api nets are quantised.");
        return source;
    }

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
