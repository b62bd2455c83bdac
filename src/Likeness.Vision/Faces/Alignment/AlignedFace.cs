using Likeness.Imaging;

namespace Likeness.Vision.Faces.Alignment;

/// <summary>A face crop made for one network, and the transform from source pixels to crop pixels.</summary>
public sealed record AlignedFace(DecodedImage Image, SimilarityTransform SourceToCrop);
