using Likeness.Models.Conversion.FaceApi;

namespace Likeness.Models.Tests.Conversion;

/// <summary>
/// The five face-api nets converted once per test run from the cached @vladmandic/face-api package:
/// the big two take a second or two each, and several tests read the same bytes.
/// </summary>
public static class FaceApiTestModels
{
    private static readonly Dictionary<FaceApiNet, Lazy<byte[]>> Converted = Enum.GetValues<FaceApiNet>()
        .ToDictionary(net => net, net => new Lazy<byte[]>(() => Convert(net)));

    /// <summary>The catalog name (and fixture name) of each net's ONNX model.</summary>
    public static string ModelName(FaceApiNet net) => net switch
    {
        FaceApiNet.SsdMobilenetV1 => "faceapi-ssd-mobilenetv1",
        FaceApiNet.FaceLandmark68 => "faceapi-landmark68",
        FaceApiNet.FaceRecognition => "faceapi-recognition",
        FaceApiNet.AgeGender => "faceapi-age-gender",
        FaceApiNet.FaceExpression => "faceapi-expression",
        _ => throw new ArgumentOutOfRangeException(nameof(net), net, null),
    };

    /// <summary>face-api's weight-map file name for the net.</summary>
    public static string ManifestFileName(FaceApiNet net) => net switch
    {
        FaceApiNet.SsdMobilenetV1 => "ssd_mobilenetv1_model-weights_manifest.json",
        FaceApiNet.FaceLandmark68 => "face_landmark_68_model-weights_manifest.json",
        FaceApiNet.FaceRecognition => "face_recognition_model-weights_manifest.json",
        FaceApiNet.AgeGender => "age_gender_model-weights_manifest.json",
        FaceApiNet.FaceExpression => "face_expression_model-weights_manifest.json",
        _ => throw new ArgumentOutOfRangeException(nameof(net), net, null),
    };

    /// <summary>The converted model, shared by every test that does not need a fresh conversion.</summary>
    public static byte[] Bytes(FaceApiNet net) => Converted[net].Value;

    /// <summary>A fresh conversion from the cached package.</summary>
    public static byte[] Convert(FaceApiNet net) =>
        FaceApiConverter.Convert(net, TestAssets.FaceApiModel(ManifestFileName(net)), ModelName(net));
}
