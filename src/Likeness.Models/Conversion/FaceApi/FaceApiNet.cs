namespace Likeness.Models.Conversion.FaceApi;

/// <summary>The face-api (@vladmandic/face-api 1.7.15) nets that <see cref="FaceApiConverter"/> converts to ONNX.</summary>
public enum FaceApiNet
{
    /// <summary>SSD MobileNet v1 face detector (ssd_mobilenetv1_model), 512x512 input.</summary>
    SsdMobilenetV1,

    /// <summary>68-point landmark net (face_landmark_68_model), 112x112 input.</summary>
    FaceLandmark68,

    /// <summary>128-d face descriptor (face_recognition_model), 150x150 input.</summary>
    FaceRecognition,

    /// <summary>Age regression and gender classification (age_gender_model), 112x112 input.</summary>
    AgeGender,

    /// <summary>Seven facial expressions (face_expression_model), 112x112 input.</summary>
    FaceExpression,
}
