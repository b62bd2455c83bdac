namespace Likeness.Vision.Preprocessing;

/// <summary>How an image was placed in a square model input: scaled by Factor, then shifted by (PadX, PadY).</summary>
public readonly record struct Letterbox(float Factor, int PadX, int PadY)
{
    public float ToSourceX(float inputX) => (inputX - PadX) / Factor;

    public float ToSourceY(float inputY) => (inputY - PadY) / Factor;
}
