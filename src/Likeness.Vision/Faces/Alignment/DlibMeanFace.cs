namespace Likeness.Vision.Faces.Alignment;

/// <summary>
/// dlib's mean face shape for the 51 non-jaw points of the 68-point markup (17-67), in a unit square:
/// `mean_face_shape_x/y` in dlib's `image_transforms/interpolation.h`, used by
/// `get_face_chip_details`, which made the 150x150 chips dlib's face recognition ResNet (face-api's
/// `faceapi-recognition`) was trained on.
/// </summary>
internal static class DlibMeanFace
{
    public const int FirstPoint = 17;

    public static readonly double[] X =
    [
        0.000213256, 0.0752622, 0.18113, 0.29077, 0.393397, 0.586856, 0.689483, 0.799124,
        0.904991, 0.98004, 0.490127, 0.490127, 0.490127, 0.490127, 0.36688, 0.426036,
        0.490127, 0.554217, 0.613373, 0.121737, 0.187122, 0.265825, 0.334606, 0.260918,
        0.182743, 0.645647, 0.714428, 0.793132, 0.858516, 0.79751, 0.719335, 0.254149,
        0.340985, 0.428858, 0.490127, 0.551395, 0.639268, 0.726104, 0.642159, 0.556721,
        0.490127, 0.423532, 0.338094, 0.290379, 0.428096, 0.490127, 0.552157, 0.689874,
        0.553364, 0.490127, 0.42689,
    ];

    public static readonly double[] Y =
    [
        0.106454, 0.038915, 0.0187482, 0.0344891, 0.0773906, 0.0773906, 0.0344891,
        0.0187482, 0.038915, 0.106454, 0.203352, 0.307009, 0.409805, 0.515625, 0.587326,
        0.609345, 0.628106, 0.609345, 0.587326, 0.216423, 0.178758, 0.179852, 0.231733,
        0.245099, 0.244077, 0.231733, 0.179852, 0.178758, 0.216423, 0.244077, 0.245099,
        0.780233, 0.745405, 0.727388, 0.742578, 0.727388, 0.745405, 0.780233, 0.864805,
        0.902192, 0.909281, 0.902192, 0.864805, 0.784792, 0.778746, 0.785343, 0.778746,
        0.784792, 0.824182, 0.831803, 0.824182,
    ];

    /// <summary>
    /// The landmarks (of 68) that `get_face_chip_details` fits: 27-54 and 60-64, leaving out the eyebrows (17-26) and
    /// the lower lip (55-59, 65-67).
    /// </summary>
    public static readonly IReadOnlyList<int> ChipPoints = [.. Enumerable.Range(27, 28), .. Enumerable.Range(60, 5)];

    /// <summary>The mean face at <see cref="ChipPoints"/>, placed as <see cref="Points"/> places it.</summary>
    public static IReadOnlyList<(double X, double Y)> ChipTemplate(int size, double padding)
    {
        var all = Points(size, padding);
        return [.. ChipPoints.Select(i => all[i - FirstPoint])];
    }

    /// <summary>The template in a chip of <paramref name="size"/> pixels with dlib's padding rule: (p + padding) / (1 + 2 padding) x size.</summary>
    public static IReadOnlyList<(double X, double Y)> Points(int size, double padding) =>
        X.Select((x, i) => ((x + padding) / (1 + 2 * padding) * size, (Y[i] + padding) / (1 + 2 * padding) * size)).ToList();
}
