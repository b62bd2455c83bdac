namespace Likeness.Imaging.Pixels;

/// <summary>
/// Turns stored RGB24 pixels upright according to an EXIF orientation (1-8) in one pass. Each
/// orientation is a start pixel plus a step per output column and per output row in the source,
/// so one loop serves all eight; it walks 64x64 output tiles so the rotations, which read the
/// source down its columns, stay within the cache.
/// </summary>
/// <remarks>
/// Orientation meanings (EXIF 2.32 table 6 / TIFF tag 274), as "row 0 / column 0 of the stored image is":
/// 1 top/left, 2 top/right (mirrored), 3 bottom/right (180°), 4 bottom/left (flipped), 5 left/top
/// (transposed), 6 right/top (needs 90° clockwise), 7 right/bottom (transverse), 8 left/bottom
/// (needs 90° counter-clockwise).
/// </remarks>
internal static unsafe class Orientation
{
    private const int Tile = 64;

    /// <summary>True when the orientation swaps width and height (5-8).</summary>
    public static bool SwapsAxes(int orientation) => orientation >= 5;

    /// <summary>
    /// Writes the upright image of the <paramref name="width"/> x <paramref name="height"/> RGB24
    /// image at <paramref name="source"/> into <paramref name="destination"/> (same byte count, no overlap).
    /// </summary>
    public static void Apply(byte* source, int width, int height, int orientation, byte* destination)
    {
        long w = width;
        long h = height;

        // Source pixel index of output pixel (x, y) = start + x * stepX + y * stepY.
        (long start, long stepX, long stepY) = orientation switch
        {
            2 => (w - 1, -1L, w),
            3 => ((h * w) - 1, -1L, -w),
            4 => ((h - 1) * w, 1L, -w),
            5 => (0L, w, 1L),
            6 => ((h - 1) * w, -w, 1L),
            7 => ((h * w) - 1, -w, -1L),
            8 => (w - 1, w, -1L),
            _ => (0L, 1L, w),
        };

        int outWidth = SwapsAxes(orientation) ? height : width;
        int outHeight = SwapsAxes(orientation) ? width : height;
        long stepXBytes = stepX * 3;

        for (int tileY = 0; tileY < outHeight; tileY += Tile)
        {
            int endY = Math.Min(tileY + Tile, outHeight);
            for (int tileX = 0; tileX < outWidth; tileX += Tile)
            {
                int endX = Math.Min(tileX + Tile, outWidth);
                for (int y = tileY; y < endY; y++)
                {
                    byte* src = source + ((start + (tileX * stepX) + (y * stepY)) * 3);
                    byte* dst = destination + ((((long)y * outWidth) + tileX) * 3);
                    for (int x = tileX; x < endX; x++)
                    {
                        dst[0] = src[0];
                        dst[1] = src[1];
                        dst[2] = src[2];
                        dst += 3;
                        src += stepXBytes;
                    }
                }
            }
        }
    }
}
