namespace Likeness.Evaluation.Attributes;

/// <summary>UTKFace's race label (the file name's third field), used only to group measurements; Likeness never estimates it.</summary>
public enum UtkRace
{
    White = 0,
    Black = 1,
    Asian = 2,
    Indian = 3,
    Others = 4,
}
