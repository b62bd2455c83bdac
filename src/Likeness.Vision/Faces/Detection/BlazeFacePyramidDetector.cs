using Likeness.Imaging;
using Likeness.Models.Assets;
using Likeness.Vision.Onnx;
using Likeness.Vision.Preprocessing;

namespace Likeness.Vision.Faces.Detection;

/// <summary>
/// BlazeFace run on the whole image at a few scales, one network run per scale, with the model converted to
/// take any input size (catalog model "blazeface-anysize"): a pass at the size it was trained at (256 px) for the
/// large faces, then one pass per <c>scale</c> (input pixels per source pixel) for the smaller ones.
/// </summary>
/// <remarks>
/// What <see cref="TiledFaceDetector"/> does with overlapping tiles, without the tiles: a pass at scale 0.5 sees
/// every face as a 512 px tile does, but each pixel is computed once instead of up to four times, no face is cut
/// by a tile edge, and one run replaces dozens. The anchors are laid out for the grid the network returns, as
/// MediaPipe lays them out for the trained size (<see cref="BlazeFaceNetwork"/>), in input pixels.
/// Above 1920x1080 the finer passes shrink with the image, as Rekognition's floor grows ("a face must be no
/// smaller than 40x40 pixels in an image with 1920x1080 pixels; larger images need a proportionally larger
/// minimum face size"), so a 4000 px photo costs what a 1920 px one does.
/// </remarks>
public sealed class BlazeFacePyramidDetector : IFaceDetector
{
    /// <summary>The catalog model the default detector runs, whole.</summary>
    public const string ModelName = "blazeface-anysize";

    /// <summary>The same network after the layers <see cref="BlazeFaceStem"/> computes: what the default detector runs on a CPU with 8-float vectors.</summary>
    public const string TailModelName = "blazeface-anysize-tail";

    /// <summary>The network halves its input five times; inputs are padded to a multiple of this.</summary>
    private const int TotalStride = 32;

    /// <summary>
    /// The measured default (docs/DETECTION.md): the whole image plus one pass at half size, which shows a 40 px face
    /// at 20 px, as the 512 px tiles did.
    /// </summary>
    public static readonly IReadOnlyList<float> DefaultScales = [0.5f];

    /// <summary>
    /// The confidence at which the detector at <see cref="DefaultScales"/> made 0.5 false positives per image on
    /// WIDER dev (0.605, docs/DETECTION.md), rounded up.
    /// </summary>
    public const float DefaultMinConfidence = 0.61f;

    /// <summary>
    /// The confidence at 0.5 false positives per image on WIDER dev for <paramref name="scales"/>: measured for the
    /// default (0.605), 0.5+0.75 (0.651) and 0.5+1 (0.660), rounded up (docs/DETECTION.md). Other scales were not
    /// measured; they get 0.66, the strictest of these, since every added pass adds false boxes.
    /// </summary>
    public static float MinConfidenceFor(IReadOnlyList<float> scales)
    {
        ArgumentNullException.ThrowIfNull(scales);
        // 0.5+0.75 and 0.5+1 measured 0.651 and 0.660; both round up to 0.66.
        return AreDefaultScales(scales) ? DefaultMinConfidence : 0.66f;
    }

    /// <summary>Whether <paramref name="scales"/> are the passes of <see cref="DefaultScales"/>, in any order or repetition.</summary>
    public static bool AreDefaultScales(IReadOnlyList<float> scales) => scales.Distinct().Order().SequenceEqual(DefaultScales);

    /// <summary>The whole-image pass keeps faces from this share of the largest face a finer pass keeps.</summary>
    private const float WholePassOverlap = 0.6f;

    private const int Regressors = 16;
    private const float IouThreshold = 0.3f;

    private readonly OnnxSession _session;
    private readonly BlazeFaceStem? _stem;
    private readonly IReadOnlyList<float> _scales;
    private readonly BlazeFaceNetwork _network;
    private readonly (BlazeFaceHead Head, int Scores, int Regressors)[] _heads;

    /// <summary>A face over half the trained side in a finer pass is the coarser passes' job; zoomed that far, the net boxes it badly.</summary>
    private float MaxFaceInFinerPass => _network.TrainedSide / 2f;

    /// <summary>
    /// The default detector at <paramref name="scales"/>: <see cref="TailModelName"/> after <see cref="BlazeFaceStem"/> where
    /// the CPU runs 8-float vectors (the same network in about 60% of the time, docs/PERFORMANCE.md), else <see cref="ModelName"/>
    /// whole; sessions come from <paramref name="open"/> (model name → session), the stem's weights from <paramref name="assets"/>.
    /// </summary>
    public static BlazeFacePyramidDetector OpenDefault(Func<string, OnnxSession> open, InstalledAssets assets, IReadOnlyList<float> scales)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(assets);
        return BlazeFaceStem.IsAccelerated
            ? new BlazeFacePyramidDetector(open(TailModelName), scales, stem: BlazeFaceStem.Open(assets))
            : new BlazeFacePyramidDetector(open(ModelName), scales);
    }

    /// <param name="session">A session of <paramref name="network"/>'s model; with <paramref name="stem"/>, of <see cref="TailModelName"/>.</param>
    /// <param name="scales">Finer passes, in input pixels per source pixel (0.5 shows a 40 px face at 20 px); a pass no finer than the whole-image one is skipped.</param>
    /// <param name="network">The opened model's layout; null for <see cref="BlazeFaceNetwork.ShortRange"/> ("blazeface-anysize").</param>
    /// <param name="stem">The network's first layers, computed before <paramref name="session"/> runs the rest; null when the session runs it all.</param>
    public BlazeFacePyramidDetector(OnnxSession session, IReadOnlyList<float> scales, BlazeFaceNetwork? network = null, BlazeFaceStem? stem = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        // The whole model takes NHWC RGB, as TF.js does; the tail takes the stem's NCHW output.
        var shape = session.Inputs.Count == 1 ? session.Inputs[0].Shape : [];
        if (shape.Length != 4 || (stem is null ? shape[3] != BlazeFaceStem.InputChannels : shape[1] != BlazeFaceStem.Channels))
        {
            throw new ArgumentException(stem is null
                ? $"The session must take one NHWC RGB input; is it {ModelName}?"
                : $"The session must take one NCHW input of {BlazeFaceStem.Channels} channels; is it {TailModelName}?", nameof(session));
        }
        if (scales.Any(s => !(s > 0 && s <= 4))) throw new ArgumentOutOfRangeException(nameof(scales), "Scales must be above 0 and at most 4.");
        network ??= BlazeFaceNetwork.ShortRange;
        int Index(string output) => session.Outputs.Select(o => o.Name).ToList().IndexOf(output) is var i and >= 0
            ? i
            : throw new ArgumentException($"The session has no '{output}' output; is it the {network.ModelName} model?", nameof(session));
        _heads = [.. network.Heads.Select(h => (h, Index(h.Scores), Index(h.Regressors)))];
        _session = session;
        _stem = stem;
        _scales = scales;
        _network = network;
    }

    /// <inheritdoc/>
    public IReadOnlyList<DetectedFace> Detect(DecodedImage image, float minConfidence = 0.5f)
    {
        var whole = (float)_network.TrainedSide / Math.Max(image.Width, image.Height);
        var floor = FloorGrowth(image.Width, image.Height);
        var candidates = new List<DetectedFace>();
        // Finest first: each pass's shrunk image is where the next, coarser one starts.
        ScaledImageTensor? finer = null;
        var finerReach = 0f;
        foreach (var scale in _scales.Select(s => s / floor).Where(s => s > whole * 1.25f).Distinct().OrderDescending())
        {
            candidates.AddRange(Pass(image, scale, minConfidence, 0, MaxFaceInFinerPass, ref finer));
            finerReach = Math.Max(finerReach, MaxFaceInFinerPass / scale);
        }
        // The whole image at 256 px boxes a face the finer passes see well with keypoints too coarse to
        // align it; it is there for the faces too large for them (with some overlap, so none falls between).
        candidates.AddRange(Pass(image, whole, minConfidence, finerReach * WholePassOverlap * whole, float.MaxValue, ref finer));
        return PassMerge.Merge(candidates);
    }

    /// <summary>How much larger than 40 px Rekognition's smallest detectable face is in an image this size: 1 up to 1920x1080.</summary>
    public static float FloorGrowth(int width, int height) =>
        Math.Max(1f, Math.Max(Math.Max(width, height) / 1920f, Math.Min(width, height) / 1080f));

    // What the session takes: the image itself, or the stem's output for the tail.
    private OnnxTensor Feed(ScaledImageTensor input)
    {
        if (_stem is null) return OnnxTensor.FromFloats(input.Tensor, 1, input.Height, input.Width, BlazeFaceStem.InputChannels);
        var (height, width) = _stem.OutputSize(input.Height, input.Width);
        return OnnxTensor.FromFloats(_stem.Run(input.Tensor, input.Height, input.Width), 1, BlazeFaceStem.Channels, height, width);
    }

    private IReadOnlyList<DetectedFace> Pass(DecodedImage image, float scale, float minConfidence, float minFaceSide, float maxFaceSide, ref ScaledImageTensor? finer)
    {
        // MediaPipe's face detector takes RGB scaled to [-1, 1].
        var input = ScaledImageTensor.Create(image, scale, TotalStride, 2f / 255f, -1f, finer);
        finer = input.Shrunk is null ? finer : input;
        var outputs = _session.Run([new(_session.Inputs[0].Name, Feed(input))]);
        var minLogit = MathF.Log(minConfidence / (1 - minConfidence));
        var candidates = new List<DetectedFace>();
        foreach (var (head, scoresIndex, regressorsIndex) in _heads)
        {
            var scoresTensor = outputs[scoresIndex];
            var scores = scoresTensor.AsFloats();
            var boxes = outputs[regressorsIndex].AsFloats();
            var columns = (int)scoresTensor.Shape[2];
            var block = head.Block;
            // Head cell (h, w), sub-cell (i, j), anchor n: channel ((i·block + j)·perCell + n) of the cell's values.
            for (var a = 0; a < scores.Length; a++)
            {
                if (scores[a] < minLogit) continue;
                var cell = a / (head.PerCell * block * block);
                var within = a % (head.PerCell * block * block);
                var sub = within / head.PerCell;
                var (h, w) = (cell / columns, cell % columns);
                var (y, x) = (h * block + sub / block, w * block + sub % block);
                var ax = head.Stride * (x + 0.5f);
                var ay = head.Stride * (y + 0.5f);
                var r = a * Regressors;
                var bw = boxes[r + 2];
                var bh = boxes[r + 3];
                if (Math.Max(bw, bh) > maxFaceSide || Math.Max(bw, bh) < minFaceSide) continue;
                var cx = ax + boxes[r];
                var cy = ay + boxes[r + 1];
                var keypoints = new (float, float)[6];
                for (var k = 0; k < 6; k++) keypoints[k] = (input.ToSourceX(ax + boxes[r + 4 + 2 * k]), input.ToSourceY(ay + boxes[r + 5 + 2 * k]));
                var score = 1f / (1f + MathF.Exp(-scores[a]));
                candidates.Add(new DetectedFace(input.ToSourceX(cx - bw / 2), input.ToSourceY(cy - bh / 2), bw / input.FactorX, bh / input.FactorY, score, keypoints));
            }
        }
        return NonMaximumSuppression.Apply(candidates, IouThreshold, BlazeFaceDetector.MaxFaces);
    }
}
