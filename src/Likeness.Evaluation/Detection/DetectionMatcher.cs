using Likeness.Vision.Faces.Detection;

namespace Likeness.Evaluation.Detection;

/// <summary>
/// Matches one image's detections to its annotated faces the way WIDER FACE and PASCAL VOC do:
/// detections in falling confidence, each taking the unmatched face it overlaps most at IoU ≥ 0.5.
/// </summary>
/// <remarks>
/// Faces WIDER marks invalid are "ignore" regions: a detection on one is neither a hit nor a false
/// positive, and they are not counted in recall (WIDER's eval_tools drops them likewise). A second
/// detection on an already matched face is a false positive. Matching in confidence order makes each
/// detection's fate independent of any threshold below it, so one matching serves every threshold.
/// </remarks>
public static class DetectionMatcher
{
    public const float IouThreshold = 0.5f;

    public static ImageMatch Match(IReadOnlyList<WiderFace> truth, IReadOnlyList<DetectedFace> detections)
    {
        var matched = new float?[truth.Count];
        var falsePositives = new List<float>();
        var ignored = 0;
        foreach (var detection in detections.OrderByDescending(d => d.Confidence))
        {
            var best = -1;
            var bestIou = IouThreshold;
            var onIgnored = false;
            for (var i = 0; i < truth.Count; i++)
            {
                var iou = IntersectionOverUnion(truth[i], detection);
                if (iou < IouThreshold) continue;
                if (truth[i].Invalid)
                {
                    onIgnored = true;
                    continue;
                }
                if (matched[i] is null && iou >= bestIou)
                {
                    best = i;
                    bestIou = iou;
                }
            }
            if (best >= 0) matched[best] = detection.Confidence;
            else if (onIgnored) ignored++;
            else falsePositives.Add(detection.Confidence);
        }
        return new ImageMatch(matched, falsePositives, ignored);
    }

    public static float IntersectionOverUnion(WiderFace face, DetectedFace detection) =>
        NonMaximumSuppression.IntersectionOverUnion(new DetectedFace(face.Left, face.Top, face.Width, face.Height, 1, []), detection);
}
