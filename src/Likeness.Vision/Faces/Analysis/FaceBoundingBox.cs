namespace Likeness.Vision.Faces.Analysis;

/// <summary>Rekognition's BoundingBox: left, top, width and height as ratios of the image's width and height (may fall outside 0-1 for a face cut by the edge).</summary>
public sealed record FaceBoundingBox(double Left, double Top, double Width, double Height);
