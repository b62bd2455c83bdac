namespace Likeness.Imaging.Annotation;

/// <summary>
/// A rectangle to outline on an image, in image pixels (may extend past the edges), with an
/// optional non-negative number drawn at its top-left corner and points drawn as dots.
/// </summary>
/// <remarks>Defined here rather than taken from Vision so that Imaging depends on nothing above it.</remarks>
public sealed record AnnotationBox(float Left, float Top, float Width, float Height, int? Label, IReadOnlyList<(float X, float Y)> Points);
