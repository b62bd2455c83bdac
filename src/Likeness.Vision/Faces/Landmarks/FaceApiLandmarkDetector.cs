using Likeness.Imaging;
using Likeness.Vision.Faces.Alignment;
using Likeness.Vision.Onnx;

namespace Likeness.Vision.Faces.Landmarks;

/// <summary>
/// face-api's 68-point landmark net (`faceapi-landmark68`) on a face box from any detector.
/// </summary>
/// <remarks>
/// face-api crops the detector's box, pads it to a square about its centre and resizes it to 112
/// (`extractFaces` then `NetInput.toBatchTensor`); the net takes RGB 0-255 and returns x, y pairs in
/// 0-1 of that square. Here the square is cut straight from the photo with the same geometry, so
/// image content rather than black fills the padding where the photo has it.
/// </remarks>
public sealed class FaceApiLandmarkDetector
{
    private const int InputSize = 112;

    // Where each point of the 300-W markup lands when the face is mirrored: jaw, brows, nose base,
    // eyes and mouth swap sides; the nose bridge and the mouth's centre line stay.
    private static readonly int[] MirroredIndex =
    [
        16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0,
        26, 25, 24, 23, 22, 21, 20, 19, 18, 17,
        27, 28, 29, 30, 35, 34, 33, 32, 31,
        45, 44, 43, 42, 47, 46, 39, 38, 37, 36, 41, 40,
        54, 53, 52, 51, 50, 49, 48, 59, 58, 57, 56, 55,
        64, 63, 62, 61, 60, 67, 66, 65,
    ];

    private readonly OnnxSession _session;
    private readonly bool _averageWithMirror;

    /// <param name="session">The `faceapi-landmark68` model.</param>
    /// <param name="averageWithMirror">Also run the net on the mirrored crop and average the two answers
    /// (twice the cost, less jitter in the points alignment is fitted to).</param>
    public FaceApiLandmarkDetector(OnnxSession session, bool averageWithMirror = false)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        _averageWithMirror = averageWithMirror;
    }

    /// <summary>
    /// The 68 landmarks of the face in the box (source pixels), the box first turned by
    /// <paramref name="roll"/> radians about its centre so the face is upright in the crop: the net was
    /// trained on upright faces and fails on a strong tilt. The image is only read.
    /// </summary>
    public FaceLandmarks68 Detect(DecodedImage image, double left, double top, double width, double height, double roll = 0)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (width <= 0 || height <= 0) throw new ArgumentException($"The face box must have a positive size, got {width}x{height}.");
        return DetectSquare(image, left + width / 2, top + height / 2, Math.Max(width, height), roll);
    }

    /// <summary>
    /// Runs the net again on the square that <paramref name="landmarks"/> define: their box in the
    /// face's own upright frame (roll from the eye centres), padded by <paramref name="padding"/> of its
    /// side on each side. A detector's box is looser or tighter than the one the net was trained on;
    /// this one is the same for every detector.
    /// </summary>
    public FaceLandmarks68 Refine(DecodedImage image, FaceLandmarks68 landmarks, double padding = 0.1)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(landmarks);
        var five = landmarks.ToFivePoint();
        var roll = Math.Atan2(five.RightEye.Y - five.LeftEye.Y, five.RightEye.X - five.LeftEye.X);
        var upright = SimilarityTransform.Create(1, -roll, 0, 0);
        var turned = landmarks.Points.Select(p => upright.Apply(p.X, p.Y)).ToList();
        var (left, right) = (turned.Min(p => p.X), turned.Max(p => p.X));
        var (top, bottom) = (turned.Min(p => p.Y), turned.Max(p => p.Y));
        var side = Math.Max(right - left, bottom - top) * (1 + 2 * padding);
        var (cx, cy) = upright.Inverse().Apply((left + right) / 2, (top + bottom) / 2);
        return DetectSquare(image, cx, cy, side, roll);
    }

    private FaceLandmarks68 DetectSquare(DecodedImage image, double cx, double cy, double side, double roll)
    {
        // Source → crop: move the centre to the origin, turn by -roll, scale the side to 112, move to the crop centre.
        var turn = SimilarityTransform.Create(InputSize / side, -roll, 0, 0);
        var (rx, ry) = turn.Apply(cx, cy);
        var toCrop = turn with { Tx = InputSize / 2.0 - rx, Ty = InputSize / 2.0 - ry };
        var crop = FaceWarp.Warp(image, toCrop, InputSize, InputSize);

        var output = Run(crop, mirror: false);
        if (_averageWithMirror)
        {
            var mirrored = Run(crop, mirror: true);
            for (var k = 0; k < FaceLandmarks68.Count; k++)
            {
                var m = MirroredIndex[k];
                output[2 * k] = (output[2 * k] + 1 - mirrored[2 * m]) / 2;
                output[2 * k + 1] = (output[2 * k + 1] + mirrored[2 * m + 1]) / 2;
            }
        }

        var toSource = toCrop.Inverse();
        var points = new (double X, double Y)[FaceLandmarks68.Count];
        for (var k = 0; k < points.Length; k++) points[k] = toSource.Apply(output[2 * k] * InputSize, output[2 * k + 1] * InputSize);
        return new FaceLandmarks68(points);
    }

    private float[] Run(DecodedImage crop, bool mirror)
    {
        var input = new float[InputSize * InputSize * 3];
        for (var y = 0; y < InputSize; y++)
        {
            for (var x = 0; x < InputSize; x++)
            {
                var s = (y * InputSize + (mirror ? InputSize - 1 - x : x)) * 3;
                var d = (y * InputSize + x) * 3;
                input[d] = crop.Pixels[s];
                input[d + 1] = crop.Pixels[s + 1];
                input[d + 2] = crop.Pixels[s + 2];
            }
        }
        var output = _session.Run([new(_session.Inputs[0].Name, OnnxTensor.FromFloats(input, 1, InputSize, InputSize, 3))])[0].AsFloats();
        if (output.Length != 2 * FaceLandmarks68.Count) throw new InvalidOperationException($"The landmark model returned {output.Length} values, expected 136; is this faceapi-landmark68?");
        return output;
    }
}
