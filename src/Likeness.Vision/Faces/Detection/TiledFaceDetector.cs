using Likeness.Imaging;

namespace Likeness.Vision.Faces.Detection;

/// <summary>
/// Runs a detector on the whole image and on overlapping square tiles of one or more sizes, then
/// merges everything with non-maximum suppression. A network with a small input (BlazeFace: 256 px)
/// sees a 1920x1080 photo at 1/7.5 scale, where a 40 px face — Rekognition's documented floor — is
/// 5 px; a 512 px tile shows the same face at 20 px.
/// </summary>
/// <remarks>
/// A face cut by a tile's inner edge is dropped from that tile: neighbouring tiles overlap by
/// <c>overlap</c> x tile size, so any face smaller than the overlap lies whole in some tile, and larger
/// ones are found by the bigger tiles or the whole-image pass. What remains is merged by <see cref="PassMerge"/>.
/// </remarks>
public sealed class TiledFaceDetector : IFaceDetector
{
    /// <summary>
    /// The measured default over BlazeFace: 512 and 256 px tiles plus the whole image had the best recall
    /// of faces ≥ 40 px at 0.5 false positives per image on WIDER dev (docs/DETECTION.md).
    /// </summary>
    public static readonly IReadOnlyList<int> DefaultTileSizes = [512, 256];

    /// <summary>
    /// The confidence at which BlazeFace tiled at <see cref="DefaultTileSizes"/> made 0.5 false positives
    /// per image on WIDER dev (0.688, docs/DETECTION.md), rounded up.
    /// </summary>
    public const float DefaultMinConfidence = 0.69f;

    private readonly IFaceDetector _inner;
    private readonly IReadOnlyList<int> _tileSizes;
    private readonly float _overlap;

    /// <param name="inner">The detector run on each tile and on the whole image.</param>
    /// <param name="tileSizes">Tile sides in source pixels; a size not smaller than the image's longer side is skipped.</param>
    /// <param name="overlap">Fraction of a tile shared with its neighbour, 0 to 0.9.</param>
    public TiledFaceDetector(IFaceDetector inner, IReadOnlyList<int> tileSizes, float overlap = 0.25f)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(overlap, 0f);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(overlap, 0.9f);
        if (tileSizes.Any(s => s < 32)) throw new ArgumentOutOfRangeException(nameof(tileSizes), "Tiles must be at least 32 px.");
        _inner = inner;
        _tileSizes = tileSizes;
        _overlap = overlap;
    }

    /// <inheritdoc/>
    public IReadOnlyList<DetectedFace> Detect(DecodedImage image, float minConfidence = 0.5f)
    {
        var candidates = new List<DetectedFace>(_inner.Detect(image, minConfidence));
        foreach (var size in _tileSizes)
        {
            if (size >= Math.Max(image.Width, image.Height)) continue;
            foreach (var left in Starts(image.Width, size))
            {
                foreach (var top in Starts(image.Height, size))
                {
                    var width = Math.Min(size, image.Width);
                    var height = Math.Min(size, image.Height);
                    var tile = Crop(image, left, top, width, height);
                    // A face this close to an edge shared with another tile is cut; that tile has it whole.
                    var margin = size * 0.02f;
                    foreach (var face in _inner.Detect(tile, minConfidence))
                    {
                        var cut = (left > 0 && face.Left < margin) || (top > 0 && face.Top < margin)
                            || (left + width < image.Width && face.Left + face.Width > width - margin)
                            || (top + height < image.Height && face.Top + face.Height > height - margin);
                        // A face over half the tile is the coarser passes' job; zoomed that far, the nets box it badly.
                        if (cut || Math.Max(face.Width, face.Height) > size / 2f) continue;
                        candidates.Add(face with
                        {
                            Left = face.Left + left,
                            Top = face.Top + top,
                            Keypoints = face.Keypoints.Select(k => (k.X + left, k.Y + top)).ToList(),
                        });
                    }
                }
            }
        }
        return PassMerge.Merge(candidates);
    }

    /// <summary>Tile origins along one axis: evenly spread, first at 0, last flush with the far edge, neighbours overlapping by at least the overlap.</summary>
    private IEnumerable<int> Starts(int length, int size)
    {
        if (size >= length) return [0];
        var stride = size * (1 - _overlap);
        var count = (int)Math.Ceiling((length - size) / stride) + 1;
        return Enumerable.Range(0, count).Select(i => (int)Math.Round((double)i * (length - size) / (count - 1))).Distinct();
    }

    private static DecodedImage Crop(DecodedImage image, int left, int top, int width, int height)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            Array.Copy(image.Pixels, ((top + y) * image.Width + left) * 3, pixels, y * width * 3, width * 3);
        }
        return new DecodedImage(width, height, pixels);
    }
}
