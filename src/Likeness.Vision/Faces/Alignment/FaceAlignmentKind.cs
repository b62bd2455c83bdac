namespace Likeness.Vision.Faces.Alignment;

/// <summary>How a face crop is cut out of a photo.</summary>
public enum FaceAlignmentKind
{
    /// <summary>A similarity fitted from five landmarks (eye centres, nose tip, mouth corners) to a template: upright, fixed scale.</summary>
    FivePoint,

    /// <summary>
    /// face-api's rule: the bounding box of all 68 landmarks, padded by a fraction of its size on each
    /// side, widened to a square about its centre; not rotated.
    /// </summary>
    LandmarkBox,

    /// <summary>
    /// dlib's face chip: a similarity fitted from the 51 non-jaw landmarks to dlib's mean face, with
    /// dlib's padding (0.25 for its recognition net) — how dlib's face recognition ResNet was trained.
    /// </summary>
    Dlib,

    /// <summary>
    /// dlib's face chip exactly as `get_face_chip_details` fits it: the similarity from the 33 landmarks it keeps (nose,
    /// eyes, mouth corners and upper lip; the eyebrows and the lower lip, which move with expression, left out) to the
    /// same mean face, with dlib's padding.
    /// </summary>
    DlibChip,
}
