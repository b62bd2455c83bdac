namespace Likeness.Imaging.Annotation;

/// <summary>An 8-bit sRGB colour for outlines, dots and labels.</summary>
public readonly record struct AnnotationColor(byte R, byte G, byte B)
{
    /// <summary>Pure green: rare in skin, hair and most backgrounds, so boxes stand out on portraits.</summary>
    public static AnnotationColor Green { get; } = new(0, 255, 0);

    /// <summary>Black, or white when this colour is dark: for text drawn on a patch of this colour.</summary>
    public AnnotationColor Contrasting
    {
        get
        {
            // Rec. 601 luma weights; enough to pick black or white.
            int luma = ((299 * R) + (587 * G) + (114 * B)) / 1000;
            return luma >= 128 ? new AnnotationColor(0, 0, 0) : new AnnotationColor(255, 255, 255);
        }
    }
}
