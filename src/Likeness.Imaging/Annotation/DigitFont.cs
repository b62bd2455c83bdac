namespace Likeness.Imaging.Annotation;

/// <summary>
/// Digits 0-9 as 3x5 pixel bitmaps, the smallest grid in which all ten stay distinct; scaled up by
/// whole pixels when drawn. Enough for box numbers without a font file or a text renderer.
/// </summary>
internal static class DigitFont
{
    public const int GlyphWidth = 3;
    public const int GlyphHeight = 5;

    /// <summary>Five rows of three bits per digit, top row first, most significant bit leftmost.</summary>
    private static readonly byte[][] Glyphs =
    [
        [0b111, 0b101, 0b101, 0b101, 0b111], // 0
        [0b010, 0b110, 0b010, 0b010, 0b111], // 1
        [0b111, 0b001, 0b111, 0b100, 0b111], // 2
        [0b111, 0b001, 0b111, 0b001, 0b111], // 3
        [0b101, 0b101, 0b111, 0b001, 0b001], // 4
        [0b111, 0b100, 0b111, 0b001, 0b111], // 5
        [0b111, 0b100, 0b111, 0b101, 0b111], // 6
        [0b111, 0b001, 0b001, 0b001, 0b001], // 7
        [0b111, 0b101, 0b111, 0b101, 0b111], // 8
        [0b111, 0b101, 0b111, 0b001, 0b111], // 9
    ];

    /// <summary>True when the glyph of <paramref name="digit"/> has its pixel at column x, row y set.</summary>
    public static bool IsSet(int digit, int x, int y) => (Glyphs[digit][y] & (1 << (GlyphWidth - 1 - x))) != 0;
}
