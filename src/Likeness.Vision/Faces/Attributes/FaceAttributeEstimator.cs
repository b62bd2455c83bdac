using Likeness.Imaging;
using Likeness.Vision.Faces.Alignment;
using Likeness.Vision.Faces.Landmarks;
using Likeness.Vision.Onnx;

namespace Likeness.Vision.Faces.Attributes;

/// <summary>
/// Age, gender, emotions and smile from face-api's `faceapi-age-gender` and `faceapi-expression` nets;
/// eyes and mouth open from landmark geometry (<see cref="FaceOpenness"/>). Thread-safe: it holds
/// only read-only state and sessions that may run concurrently.
/// </summary>
/// <remarks>
/// Both nets are fed as face-api feeds them (`extractFacesAndComputeResults` with landmarks): the 68
/// points' bounding box padded by 10% of its size on each side (`FaceLandmarks.alignMinBbox(0.2)`),
/// cut from the photo, padded to a square with black about its centre and resized to 112x112, RGB
/// 0-255 (normalisation is inside the graphs). Not rotated upright: face-api does not, and the nets
/// were used that way. Why these two nets and how the age range is formed: docs/ATTRIBUTES.md.
/// </remarks>
public sealed class FaceAttributeEstimator
{
    /// <summary>
    /// Half-width of the reported AgeRange around the net's age: the net's mean absolute error on
    /// UTKFace dev (docs/ATTRIBUTES.md), rounded up, so the range is the estimate ± its typical error.
    /// </summary>
    public const int AgeHalfWidth = 6;

    private const int InputSize = 112;

    // faceapi-expression's class order (face-api's FACE_EXPRESSION_LABELS) and Rekognition's name for
    // each. neutral → CALM is a judgement: Rekognition's nearest class to a neutral face.
    private static readonly EmotionType[] ExpressionTypes =
        [EmotionType.CALM, EmotionType.HAPPY, EmotionType.SAD, EmotionType.ANGRY, EmotionType.FEAR, EmotionType.DISGUSTED, EmotionType.SURPRISED];

    private const int HappyIndex = 1;

    private readonly OnnxSession _ageGender;
    private readonly OnnxSession _expression;

    /// <param name="ageGender">The `faceapi-age-gender` model.</param>
    /// <param name="expression">The `faceapi-expression` model.</param>
    public FaceAttributeEstimator(OnnxSession ageGender, OnnxSession expression)
    {
        ArgumentNullException.ThrowIfNull(ageGender);
        ArgumentNullException.ThrowIfNull(expression);
        _ageGender = ageGender;
        _expression = expression;
    }

    /// <summary>The attributes of the face whose landmarks are given; the image is only read.</summary>
    public FaceAttributes Estimate(DecodedImage image, FaceLandmarks68 landmarks)
    {
        var input = OnnxTensor.FromFloats(Crop(image, landmarks), 1, InputSize, InputSize, 3);
        var (age, gender) = RunAgeGender(input);
        var expressions = RunExpression(input);

        var rounded = (int)Math.Round(age);
        var ageRange = new AgeRange(Math.Max(0, rounded - AgeHalfWidth), Math.Max(0, rounded + AgeHalfWidth));
        var emotions = expressions.Select((p, i) => new Emotion(ExpressionTypes[i], 100.0 * p))
            .OrderByDescending(e => e.Confidence).ToList();
        // Smile from the expression net's "happy": the net was trained on expression labels, while
        // mouth-corner geometry confuses a smile with a wide mouth, speech and head pose.
        var happy = expressions[HappyIndex];
        var smile = new BooleanAttribute(happy >= 0.5, 100.0 * Math.Max(happy, 1 - happy));
        return new FaceAttributes(ageRange, gender, emotions, smile, FaceOpenness.EyesOpen(landmarks), FaceOpenness.MouthOpen(landmarks));
    }

    /// <summary>The net's age in years and gender for one face, for measuring (the pipeline uses <see cref="Estimate"/>).</summary>
    public (double Age, Gender Gender) EstimateAgeGender(DecodedImage image, FaceLandmarks68 landmarks) =>
        RunAgeGender(OnnxTensor.FromFloats(Crop(image, landmarks), 1, InputSize, InputSize, 3));

    private (double Age, Gender Gender) RunAgeGender(OnnxTensor input)
    {
        var outputs = _ageGender.Run([new(_ageGender.Inputs[0].Name, input)]);
        var age = Output(_ageGender, outputs, "age")[0];
        var genderProbabilities = Output(_ageGender, outputs, "gender");
        var female = genderProbabilities[1];
        var gender = female > 0.5f ? new Gender(GenderType.Female, 100.0 * female) : new Gender(GenderType.Male, 100.0 * (1 - female));
        return (age, gender);
    }

    private float[] RunExpression(OnnxTensor input)
    {
        var outputs = _expression.Run([new(_expression.Inputs[0].Name, input)]);
        var expressions = Output(_expression, outputs, "expressions");
        if (expressions.Length != ExpressionTypes.Length) throw new InvalidOperationException($"The expression model returned {expressions.Length} values, expected 7; is this faceapi-expression?");
        return expressions;
    }

    private static float[] Output(OnnxSession session, IReadOnlyList<OnnxTensor> outputs, string name)
    {
        for (var i = 0; i < session.Outputs.Count; i++)
        {
            if (session.Outputs[i].Name == name) return outputs[i].AsFloats();
        }
        throw new InvalidOperationException($"The model has no output '{name}'; its outputs are: {string.Join(", ", session.Outputs.Select(o => o.Name))}.");
    }

    private static float[] Crop(DecodedImage image, FaceLandmarks68 landmarks)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(landmarks);
        var (left, top, right, bottom) = landmarks.Bounds();
        var (padX, padY) = ((right - left) * 0.1, (bottom - top) * 0.1);
        (left, top, right, bottom) = (left - padX, top - padY, right + padX, bottom + padY);
        var side = Math.Max(right - left, bottom - top);
        var scale = InputSize / side;
        var (cx, cy) = ((left + right) / 2, (top + bottom) / 2);
        var toCrop = new SimilarityTransform(scale, 0, InputSize / 2.0 - scale * cx, InputSize / 2.0 - scale * cy);
        var crop = FaceWarp.Warp(image, toCrop, InputSize, InputSize);

        // Black outside the padded box, as face-api's padToSquare leaves it.
        var (x0, y0) = toCrop.Apply(left, top);
        var (x1, y1) = toCrop.Apply(right, bottom);
        var input = new float[InputSize * InputSize * 3];
        for (var y = 0; y < InputSize; y++)
        {
            for (var x = 0; x < InputSize; x++)
            {
                if (x + 0.5 < x0 || x + 0.5 > x1 || y + 0.5 < y0 || y + 0.5 > y1) continue;
                var i = (y * InputSize + x) * 3;
                input[i] = crop.Pixels[i];
                input[i + 1] = crop.Pixels[i + 1];
                input[i + 2] = crop.Pixels[i + 2];
            }
        }
        return input;
    }
}
