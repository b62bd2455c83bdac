using Likeness.Imaging;
using Likeness.Vision.Onnx;
using Likeness.Vision.Preprocessing;

namespace Likeness.Vision.Faces.Detection;

/// <summary>
/// face-api.js's SSD MobileNet v1 ("faceapi-ssd-mobilenetv1"): 5,118 anchors whose boxes the converted
/// graph already decodes to (ymin, xmin, ymax, xmax) in 0-1 of its square input, with a face
/// probability each. No keypoints.
/// </summary>
/// <remarks>
/// Pre- and post-processing follow face-api's own `ssdMobilenetv1` (src/ssdMobilenetv1/SsdMobilenetv1.ts):
/// the image is padded to a square at the bottom and right, resized to 512x512 and fed as RGB 0-255
/// (the graph normalises); candidates above the confidence go through NMS at IoU 0.5, at most 100.
/// </remarks>
public sealed class SsdMobilenetDetector : IFaceDetector
{
    private const float IouThreshold = 0.5f;
    private readonly OnnxSession _session;
    private readonly int _inputSize;

    public SsdMobilenetDetector(OnnxSession session)
    {
        _session = session;
        _inputSize = (int)session.Inputs[0].Shape[1];
    }

    /// <inheritdoc/>
    public IReadOnlyList<DetectedFace> Detect(DecodedImage image, float minConfidence = 0.5f)
    {
        var (input, mapping) = PadBottomRightAndResize(image, _inputSize);
        var outputs = _session.Run([new(_session.Inputs[0].Name, OnnxTensor.FromFloats(input, 1, _inputSize, _inputSize, 3))]);
        // Tell boxes [1, anchors, 4] from scores [1, anchors] by rank, not by the converter's names.
        var boxes = outputs.First(o => o.Shape.Length == 3).AsFloats();
        var scores = outputs.First(o => o.Shape.Length == 2).AsFloats();

        var candidates = new List<DetectedFace>();
        for (var a = 0; a < scores.Length; a++)
        {
            if (scores[a] < minConfidence) continue;
            // Clip to the padded square first (face-api does), then to the image itself, so padding is never part of a box.
            var top = Math.Clamp(mapping.ToSourceY(boxes[4 * a] * _inputSize), 0, image.Height);
            var left = Math.Clamp(mapping.ToSourceX(boxes[4 * a + 1] * _inputSize), 0, image.Width);
            var bottom = Math.Clamp(mapping.ToSourceY(boxes[4 * a + 2] * _inputSize), 0, image.Height);
            var right = Math.Clamp(mapping.ToSourceX(boxes[4 * a + 3] * _inputSize), 0, image.Width);
            if (right <= left || bottom <= top) continue;
            candidates.Add(new DetectedFace(left, top, right - left, bottom - top, scores[a], []));
        }
        return NonMaximumSuppression.Apply(candidates, IouThreshold, BlazeFaceDetector.MaxFaces);
    }

    /// <summary>face-api's padToSquare(isCenterImage = false) then a bilinear resize; RGB kept at 0-255.</summary>
    private static (float[] Tensor, Letterbox Mapping) PadBottomRightAndResize(DecodedImage image, int size)
    {
        var side = Math.Max(image.Width, image.Height);
        var factor = (float)size / side;
        var output = new float[size * size * 3];
        var src = image.Pixels;
        for (var y = 0; y < size; y++)
        {
            var fy = (y + 0.5f) / factor - 0.5f;
            // Rows that fall entirely in the padding stay black (zeros), as tf.pad leaves them.
            if (fy > image.Height - 0.5f) continue;
            fy = Math.Clamp(fy, 0, image.Height - 1);
            var y0 = (int)fy;
            var y1 = Math.Min(y0 + 1, image.Height - 1);
            var wy = fy - y0;
            for (var x = 0; x < size; x++)
            {
                var fx = (x + 0.5f) / factor - 0.5f;
                if (fx > image.Width - 0.5f) break;
                fx = Math.Clamp(fx, 0, image.Width - 1);
                var x0 = (int)fx;
                var x1 = Math.Min(x0 + 1, image.Width - 1);
                var wx = fx - x0;
                var o = (y * size + x) * 3;
                for (var c = 0; c < 3; c++)
                {
                    float upper = src[(y0 * image.Width + x0) * 3 + c] * (1 - wx) + src[(y0 * image.Width + x1) * 3 + c] * wx;
                    float lower = src[(y1 * image.Width + x0) * 3 + c] * (1 - wx) + src[(y1 * image.Width + x1) * 3 + c] * wx;
                    output[o + c] = upper * (1 - wy) + lower * wy;
                }
            }
        }
        return (output, new Letterbox(factor, 0, 0));
    }
}
