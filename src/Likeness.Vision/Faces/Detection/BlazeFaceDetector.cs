using Likeness.Imaging;
using Likeness.Vision.Onnx;
using Likeness.Vision.Preprocessing;

namespace Likeness.Vision.Faces.Detection;

/// <summary>
/// MediaPipe BlazeFace (human-models' 256x256 "blazeface"): 896 anchors, each with a score logit and
/// 16 regressors: a box (centre offset and size in input pixels) and 6 keypoints. The model returns
/// them as four tensors, scores and regressors for the 512 stride-16 anchors and the 384 stride-32 ones.
/// </summary>
/// <remarks>
/// Anchor layout as MediaPipe's SSD anchor calculator for this model: strides 16 and 32 with 2 and 6
/// anchors per cell, centred in the cell, in input pixels. On its own it sees a whole photo at 256 px,
/// so faces under ~40 px in a 1024 px image are out of its reach. The default detector is
/// <see cref="BlazeFacePyramidDetector"/> (the same weights on any input size); this one serves the
/// evaluation's crops of single faces (LFW, UTKFace), whose cached figures depend on its exact letterbox.
/// </remarks>
public sealed class BlazeFaceDetector : IFaceDetector
{
    private const int Regressors = 16;

    // MediaPipe's face detection graph suppresses at IoU 0.3.
    private const float IouThreshold = 0.3f;

    /// <summary>The API returns at most 100 faces, as Rekognition's DetectFaces does.</summary>
    public const int MaxFaces = 100;
    private readonly OnnxSession _session;
    private readonly int _inputSize;
    private readonly (float X, float Y)[] _anchors;

    public BlazeFaceDetector(OnnxSession session)
    {
        _session = session;
        var shape = session.Inputs[0].Shape;
        _inputSize = (int)shape[1];
        _anchors = Anchors(_inputSize);
    }

    /// <inheritdoc/>
    public IReadOnlyList<DetectedFace> Detect(DecodedImage image, float minConfidence = 0.5f)
    {
        // MediaPipe's face detector takes RGB scaled to [-1, 1].
        var (input, box) = ImageTensor.Letterbox(image, _inputSize, 2f / 255f, -1f);
        var outputs = _session.Run([new(_session.Inputs[0].Name, OnnxTensor.FromFloats(input, 1, _inputSize, _inputSize, 3))]);
        // Tell the four outputs apart by shape ([1, anchors, 1] scores, [1, anchors, 16] regressors),
        // the way Human does, rather than by the converter's output names.
        var fine = _anchors.Length * 4 / 7;
        var scores = Concat(Output(outputs, fine, 1), Output(outputs, _anchors.Length - fine, 1));
        var boxes = Concat(Output(outputs, fine, Regressors), Output(outputs, _anchors.Length - fine, Regressors));

        var candidates = new List<DetectedFace>();
        for (var a = 0; a < _anchors.Length; a++)
        {
            var score = 1f / (1f + MathF.Exp(-scores[a]));
            if (score < minConfidence) continue;
            var r = a * Regressors;
            var (ax, ay) = _anchors[a];
            var cx = ax + boxes[r];
            var cy = ay + boxes[r + 1];
            var w = boxes[r + 2];
            var h = boxes[r + 3];
            var keypoints = new (float, float)[6];
            for (var k = 0; k < 6; k++) keypoints[k] = (box.ToSourceX(ax + boxes[r + 4 + 2 * k]), box.ToSourceY(ay + boxes[r + 5 + 2 * k]));
            candidates.Add(new DetectedFace(box.ToSourceX(cx - w / 2), box.ToSourceY(cy - h / 2), w / box.Factor, h / box.Factor, score, keypoints));
        }
        return NonMaximumSuppression.Apply(candidates, IouThreshold, MaxFaces);
    }

    private static float[] Output(IReadOnlyList<OnnxTensor> outputs, int anchors, int values) =>
        outputs.FirstOrDefault(o => o.Shape.Length == 3 && o.Shape[1] == anchors && o.Shape[2] == values)?.AsFloats()
        ?? throw new InvalidOperationException($"BlazeFace has no [1,{anchors},{values}] output; is this the human-models blazeface?");

    private static float[] Concat(float[] first, float[] second) => [.. first, .. second];

    private static (float X, float Y)[] Anchors(int inputSize)
    {
        var anchors = new List<(float, float)>();
        foreach (var (stride, perCell) in new[] { (16, 2), (32, 6) })
        {
            var cells = (inputSize + stride - 1) / stride;
            for (var y = 0; y < cells; y++)
            {
                for (var x = 0; x < cells; x++)
                {
                    for (var n = 0; n < perCell; n++) anchors.Add((stride * (x + 0.5f), stride * (y + 0.5f)));
                }
            }
        }
        return anchors.ToArray();
    }
}
