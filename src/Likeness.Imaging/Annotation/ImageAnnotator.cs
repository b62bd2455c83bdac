using System.Globalization;

namespace Likeness.Imaging.Annotation;

/// <summary>
/// Draws box outlines, keypoint dots and box numbers on a copy of an image, for results people
/// would rather look at than read. Everything is clipped to the image; the input is never changed.
/// </summary>
/// <remarks>
/// Sizes scale with the image so that marks stay visible on a large photo and do not swamp a small
/// one: outlines are max(2, longer side / 400) px thick (4 px on 1920x1280), dots have that radius,
/// and digits are drawn at twice that per font pixel (3x5 glyphs, so 24x40 px on 1920x1280).
/// Outlines lie inside the box: its edge pixels are the outline's outer pixels.
/// </remarks>
public static class ImageAnnotator
{
    /// <summary>Returns a new image: <paramref name="image"/> with every box outlined, numbered and its points dotted in <paramref name="color"/>.</summary>
    public static DecodedImage Draw(DecodedImage image, IReadOnlyList<AnnotationBox> boxes, AnnotationColor color)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(boxes);
        foreach (AnnotationBox box in boxes)
        {
            ArgumentNullException.ThrowIfNull(box, nameof(boxes));
            ArgumentNullException.ThrowIfNull(box.Points, nameof(boxes));
            if (box.Label is < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(boxes), box.Label, "Box labels are drawn with digits only, so they must not be negative.");
            }
        }

        var canvas = new Canvas(image.Width, image.Height, (byte[])image.Pixels.Clone());
        int thickness = OutlineThickness(image.Width, image.Height);

        foreach (AnnotationBox box in boxes)
        {
            if (canvas.ToPixelRect(box, thickness) is { } rect)
            {
                canvas.Fill(rect.X0, rect.Y0, rect.X1, rect.Y0 + thickness, color);
                canvas.Fill(rect.X0, rect.Y1 - thickness, rect.X1, rect.Y1, color);
                canvas.Fill(rect.X0, rect.Y0, rect.X0 + thickness, rect.Y1, color);
                canvas.Fill(rect.X1 - thickness, rect.Y0, rect.X1, rect.Y1, color);
            }

            foreach ((float x, float y) in box.Points)
            {
                canvas.Dot(x, y, radius: thickness, color);
            }
        }

        // Labels last, so that no other box's outline crosses a number.
        foreach (AnnotationBox box in boxes)
        {
            if (box.Label is { } label && canvas.ToPixelRect(box, thickness) is { } rect && canvas.Intersects(rect))
            {
                canvas.Label(rect, label.ToString(CultureInfo.InvariantCulture), scale: 2 * thickness, color);
            }
        }

        return new DecodedImage(image.Width, image.Height, canvas.Pixels);
    }

    /// <summary>The outline thickness in pixels for an image of this size: max(2, longer side / 400).</summary>
    public static int OutlineThickness(int width, int height) => Math.Max(2, Math.Max(width, height) / 400);

    /// <summary>A box in whole pixels, X1 and Y1 exclusive.</summary>
    private readonly record struct PixelRect(int X0, int Y0, int X1, int Y1);

    /// <summary>RGB24 pixels with clipped drawing primitives.</summary>
    private sealed class Canvas(int width, int height, byte[] pixels)
    {
        public byte[] Pixels { get; } = pixels;

        /// <summary>
        /// Rounds a box to pixels, or null when it is empty or not finite. Edges far outside the image
        /// are pulled in to just beyond <paramref name="margin"/> pixels of it, which keeps the
        /// arithmetic in int range while an outline band there stays entirely off the image.
        /// </summary>
        public PixelRect? ToPixelRect(AnnotationBox box, int margin)
        {
            double left = box.Left;
            double top = box.Top;
            double right = left + box.Width;
            double bottom = top + box.Height;
            if (!double.IsFinite(left) || !double.IsFinite(top) || !double.IsFinite(right) || !double.IsFinite(bottom))
            {
                return null;
            }

            var rect = new PixelRect(
                ClampToPixel(left, width, margin),
                ClampToPixel(top, height, margin),
                ClampToPixel(right, width, margin),
                ClampToPixel(bottom, height, margin));
            return rect.X1 > rect.X0 && rect.Y1 > rect.Y0 ? rect : null;
        }

        public bool Intersects(PixelRect rect) => rect.X0 < width && rect.X1 > 0 && rect.Y0 < height && rect.Y1 > 0;

        /// <summary>Fills [x0, x1) x [y0, y1), clipped to the image.</summary>
        public void Fill(int x0, int y0, int x1, int y1, AnnotationColor color)
        {
            x0 = Math.Max(x0, 0);
            y0 = Math.Max(y0, 0);
            x1 = Math.Min(x1, width);
            y1 = Math.Min(y1, height);
            for (int y = y0; y < y1; y++)
            {
                for (int x = x0; x < x1; x++)
                {
                    Set(x, y, color);
                }
            }
        }

        /// <summary>A filled disc centred on the pixel nearest (x, y); nothing when the point is not finite.</summary>
        public void Dot(float x, float y, int radius, AnnotationColor color)
        {
            if (!float.IsFinite(x) || !float.IsFinite(y))
            {
                return;
            }

            int cx = ClampToPixel(x, width, radius);
            int cy = ClampToPixel(y, height, radius);

            // r * r + r rather than r * r rounds the disc out, so a radius-2 dot is not a plus sign.
            int limit = (radius * radius) + radius;
            for (int dy = -radius; dy <= radius; dy++)
            {
                for (int dx = -radius; dx <= radius; dx++)
                {
                    int px = cx + dx;
                    int py = cy + dy;
                    if ((dx * dx) + (dy * dy) <= limit && px >= 0 && px < width && py >= 0 && py < height)
                    {
                        Set(px, py, color);
                    }
                }
            }
        }

        /// <summary>
        /// Digits on a patch of <paramref name="color"/>, above the box's top-left corner, or just inside
        /// it when there is no room above; kept inside the image where it fits.
        /// </summary>
        public void Label(PixelRect box, string digits, int scale, AnnotationColor color)
        {
            int patchWidth = scale * ((digits.Length * (DigitFont.GlyphWidth + 1)) + 1);
            int patchHeight = scale * (DigitFont.GlyphHeight + 2);
            int x0 = Math.Max(0, Math.Min(box.X0, width - patchWidth));
            int y0 = box.Y0 - patchHeight >= 0 ? box.Y0 - patchHeight : Math.Max(0, box.Y0);
            Fill(x0, y0, x0 + patchWidth, y0 + patchHeight, color);

            AnnotationColor ink = color.Contrasting;
            for (int i = 0; i < digits.Length; i++)
            {
                int digit = digits[i] - '0';
                int glyphX = x0 + scale + (i * (DigitFont.GlyphWidth + 1) * scale);
                for (int row = 0; row < DigitFont.GlyphHeight; row++)
                {
                    for (int column = 0; column < DigitFont.GlyphWidth; column++)
                    {
                        if (DigitFont.IsSet(digit, column, row))
                        {
                            int x = glyphX + (column * scale);
                            int y = y0 + scale + (row * scale);
                            Fill(x, y, x + scale, y + scale, ink);
                        }
                    }
                }
            }
        }

        private static int ClampToPixel(double value, int size, int margin) =>
            (int)Math.Round(Math.Clamp(value, -margin - 1.0, size + margin + 1.0), MidpointRounding.AwayFromZero);

        private void Set(int x, int y, AnnotationColor color)
        {
            int i = ((y * width) + x) * 3;
            Pixels[i] = color.R;
            Pixels[i + 1] = color.G;
            Pixels[i + 2] = color.B;
        }
    }
}
