using Likeness.Imaging;
using Likeness.Vision.Faces.Landmarks;

namespace Likeness.Vision.Faces.Alignment;

/// <summary>
/// One way of cutting a square face crop of <see cref="Size"/> pixels from a photo and its
/// landmarks. Always writes a new image; the photo is only read.
/// </summary>
/// <param name="Kind">The rule.</param>
/// <param name="Size">The crop's width and height in pixels.</param>
/// <param name="Amount">For <see cref="FaceAlignmentKind.FivePoint"/>, the template zoom (1 = ArcFace's
/// tight crop, below 1 = looser); for <see cref="FaceAlignmentKind.LandmarkBox"/>, the padding fraction
/// (face-api uses 0.2); for <see cref="FaceAlignmentKind.Dlib"/>, dlib's chip padding (0.25 for its recognition net).</param>
public sealed record FaceAlignment(FaceAlignmentKind Kind, int Size, double Amount)
{
    /// <summary>ArcFace's five-point template scaled to <paramref name="size"/>, zoomed by <paramref name="zoom"/>.</summary>
    public static FaceAlignment FivePoint(int size, double zoom = 1) => new(FaceAlignmentKind.FivePoint, size, zoom);

    /// <summary>face-api's landmark box (`FaceLandmarks.align()` → `alignMinBbox(0.2)`), resized to <paramref name="size"/>.</summary>
    public static FaceAlignment LandmarkBox(int size, double padding = 0.2) => new(FaceAlignmentKind.LandmarkBox, size, padding);

    /// <summary>dlib's `get_face_chip_details(shape, size, padding)`: 51 landmarks onto dlib's mean face.</summary>
    public static FaceAlignment Dlib(int size, double padding = 0.25) => new(FaceAlignmentKind.Dlib, size, padding);

    /// <summary>dlib's `get_face_chip_details(shape, size, padding)` as dlib computes it: the 33 landmarks it fits onto its mean face.</summary>
    public static FaceAlignment DlibChip(int size, double padding = 0.25) => new(FaceAlignmentKind.DlibChip, size, padding);

    /// <summary>A short name for reports: `5pt`, `5pt@0.8`, `box0.2`, `dlib0.25`, `chip0.25`.</summary>
    public string Name => Kind switch
    {
        FaceAlignmentKind.FivePoint => Amount == 1 ? "5pt" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"5pt@{Amount:0.##}"),
        FaceAlignmentKind.Dlib => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"dlib{Amount:0.##}"),
        FaceAlignmentKind.DlibChip => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"chip{Amount:0.##}"),
        _ => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"box{Amount:0.##}"),
    };

    /// <summary>Parses a <see cref="Name"/> (`5pt`, `5pt@0.8`, `box0.2`) for a crop of <paramref name="size"/> pixels.</summary>
    public static FaceAlignment Parse(string name, int size)
    {
        ArgumentNullException.ThrowIfNull(name);
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        if (name == "5pt") return FivePoint(size);
        if (name.StartsWith("5pt@", StringComparison.Ordinal) && double.TryParse(name[4..], invariant, out var zoom) && zoom > 0) return FivePoint(size, zoom);
        if (name.StartsWith("dlib", StringComparison.Ordinal) && double.TryParse(name[4..], invariant, out var chipPadding) && chipPadding >= 0) return Dlib(size, chipPadding);
        if (name.StartsWith("chip", StringComparison.Ordinal) && double.TryParse(name[4..], invariant, out var dlibPadding) && dlibPadding >= 0) return DlibChip(size, dlibPadding);
        if (name.StartsWith("box", StringComparison.Ordinal) && double.TryParse(name[3..], invariant, out var padding) && padding >= 0) return LandmarkBox(size, padding);
        throw new FormatException($"Unknown alignment '{name}'; use 5pt, 5pt@ZOOM, boxPADDING, dlibPADDING or chipPADDING (e.g. 5pt@0.8, box0.2, dlib0.25, chip0.25).");
    }

    /// <summary>Cuts this crop out of <paramref name="image"/>.</summary>
    public AlignedFace Align(DecodedImage image, FaceLandmarks68 landmarks)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(landmarks);
        var transform = Kind switch
        {
            FaceAlignmentKind.FivePoint => SimilarityTransform.Estimate(landmarks.ToFivePoint().Points, FaceTemplate.ArcFace112.Resized(Size, Amount).Points.Points),
            FaceAlignmentKind.LandmarkBox => BoxTransform(landmarks),
            FaceAlignmentKind.Dlib => SimilarityTransform.Estimate(landmarks.Points.Skip(DlibMeanFace.FirstPoint).ToList(), DlibMeanFace.Points(Size, Amount)),
            FaceAlignmentKind.DlibChip => SimilarityTransform.Estimate(
                DlibMeanFace.ChipPoints.Select(i => landmarks.Points[i]).ToList(), DlibMeanFace.ChipTemplate(Size, Amount)),
            _ => throw new InvalidOperationException($"Unknown alignment {Kind}."),
        };
        return new AlignedFace(FaceWarp.Warp(image, transform, Size, Size), transform);
    }

    private SimilarityTransform BoxTransform(FaceLandmarks68 landmarks)
    {
        var (left, top, right, bottom) = landmarks.Bounds();
        var width = right - left;
        var height = bottom - top;
        left -= width * Amount;
        right += width * Amount;
        top -= height * Amount;
        bottom += height * Amount;
        // face-api pads the shorter side to a square about the centre before resizing (toNetInput, padToSquare).
        var side = Math.Max(right - left, bottom - top);
        var cx = (left + right) / 2;
        var cy = (top + bottom) / 2;
        var scale = Size / side;
        return new SimilarityTransform(scale, 0, Size / 2.0 - scale * cx, Size / 2.0 - scale * cy);
    }
}
