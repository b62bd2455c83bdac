using System.Numerics;
using System.Runtime.InteropServices;
using Likeness.Imaging;

namespace Likeness.Vision.Preprocessing;

/// <summary>
/// An image resized by a factor into a float32 NHWC tensor whose height and width are padded (bottom and
/// right) up to a multiple of a network's total stride, for networks that take any input size.
/// </summary>
/// <param name="Tensor">Width x Height x 3 values, value * scale + offset; padding holds the offset (black).</param>
/// <param name="FactorX">Input pixels per source pixel across; source x = input x / FactorX.</param>
/// <param name="Shrunk">The image at this size as RGB24, when it was made by shrinking: a coarser pass starts from it instead of the source.</param>
public sealed record ScaledImageTensor(float[] Tensor, int Width, int Height, float FactorX, float FactorY, DecodedImage? Shrunk)
{
    /// <summary>
    /// Resizes with bilinear sampling at pixel centres when shrinking by at most 2, and by averaging each
    /// output pixel's whole footprint when shrinking more, which bilinear's two taps would alias.
    /// </summary>
    /// <param name="finer">A tensor of the same image at a larger size; shrinking its <see cref="Shrunk"/> image reads far fewer pixels than the source.</param>
    public static ScaledImageTensor Create(DecodedImage image, float factor, int multiple, float scale, float offset, ScaledImageTensor? finer = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factor);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(multiple);
        var width = Math.Max(1, (int)MathF.Round(image.Width * factor));
        var height = Math.Max(1, (int)MathF.Round(image.Height * factor));
        var paddedWidth = (width + multiple - 1) / multiple * multiple;
        var paddedHeight = (height + multiple - 1) / multiple * multiple;
        var output = new float[paddedWidth * paddedHeight * 3];
        FillPadding(output, width, height, paddedWidth, paddedHeight, offset);
        DecodedImage? shrunk = null;
        if (factor > 0.5f)
        {
            ImageTensor.Bilinear(image, output, width, height, paddedWidth, 0, 0, scale, offset);
        }
        else
        {
            var from = finer?.Shrunk is { } small && small.Width >= width && small.Height >= height ? small : image;
            shrunk = Shrink(from, width, height);
            Convert(shrunk, output, paddedWidth, scale, offset);
        }
        return new ScaledImageTensor(output, paddedWidth, paddedHeight, (float)width / image.Width, (float)height / image.Height, shrunk);
    }

    /// <summary>
    /// Averages each output pixel's footprint of whole source pixels (rows [y·H/h, (y+1)·H/h), likewise columns),
    /// rounding to the nearest byte. Sums run over whole rows of bytes at a time, vectorised.
    /// </summary>
    public static DecodedImage Shrink(DecodedImage image, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, image.Width);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, image.Height);
        var src = image.Pixels;
        var rowBytes = image.Width * 3;
        var padded = (rowBytes + Vector<byte>.Count - 1) / Vector<byte>.Count * Vector<byte>.Count;
        var columns = new uint[padded];
        var output = new byte[width * height * 3];
        var lefts = new int[width + 1];
        for (var x = 0; x <= width; x++) lefts[x] = (int)((long)x * image.Width / width);
        var widest = 1;
        for (var x = 0; x < width; x++) widest = Math.Max(widest, Math.Max(1, lefts[x + 1] - lefts[x]));
        var tallest = Math.Max(1, (image.Height + height - 1) / height + 1);
        var reciprocals = Reciprocals(Math.Min((long)widest * tallest, LargestExactFootprint));
        for (var y = 0; y < height; y++)
        {
            var top = (int)((long)y * image.Height / height);
            var bottom = Math.Max(top + 1, (int)((long)(y + 1) * image.Height / height));
            Array.Clear(columns);
            for (var sy = top; sy < bottom; sy++) AddRow(src.AsSpan(sy * rowBytes, rowBytes), columns);
            var o = y * width * 3;
            for (var x = 0; x < width; x++)
            {
                var left = lefts[x];
                var right = Math.Max(left + 1, lefts[x + 1]);
                var count = (bottom - top) * (right - left);
                var half = (ulong)count / 2;
                for (var c = 0; c < 3; c++)
                {
                    ulong sum = half;
                    for (var sx = left; sx < right; sx++) sum += columns[sx * 3 + c];
                    output[o++] = (byte)(count <= LargestExactFootprint ? sum * reciprocals[count] >> ReciprocalShift : sum / (ulong)count);
                }
            }
        }
        return new DecodedImage(width, height, output);
    }

    // ceil(2^40 / d) for each footprint of d pixels: (n · it) >> 40 is n / d exactly while n · d < 2^40, and n is at most
    // 255.5 · d, so every footprint up to 256x256 divides by a multiply, a fraction of a division's cost.
    private const int ReciprocalShift = 40;
    private const int LargestExactFootprint = 65_536;

    private static ulong[] Reciprocals(long largest)
    {
        var table = new ulong[largest + 1];
        for (var d = 1UL; d <= (ulong)largest; d++) table[d] = ((1UL << ReciprocalShift) + d - 1) / d;
        return table;
    }

    // The offset (black) right of and below the image; the image itself is written over.
    private static void FillPadding(float[] output, int width, int height, int paddedWidth, int paddedHeight, float offset)
    {
        if (paddedWidth != width)
        {
            for (var y = 0; y < height; y++) output.AsSpan((y * paddedWidth + width) * 3, (paddedWidth - width) * 3).Fill(offset);
        }
        if (paddedHeight != height) output.AsSpan(height * paddedWidth * 3).Fill(offset);
    }

    private static void AddRow(ReadOnlySpan<byte> row, uint[] sums)
    {
        var lanes = Vector<byte>.Count;
        var wide = MemoryMarshal.Cast<uint, Vector<uint>>(sums.AsSpan());
        var i = 0;
        for (; i + lanes <= row.Length; i += lanes)
        {
            Vector.Widen(new Vector<byte>(row[i..]), out var low, out var high);
            Vector.Widen(low, out var a, out var b);
            Vector.Widen(high, out var c, out var d);
            var v = i / Vector<uint>.Count;
            wide[v] += a;
            wide[v + 1] += b;
            wide[v + 2] += c;
            wide[v + 3] += d;
        }
        for (; i < row.Length; i++) sums[i] += row[i];
    }

    private static void Convert(DecodedImage image, float[] output, int stride, float scale, float offset)
    {
        var lanes = Vector<byte>.Count;
        var (scales, offsets) = (new Vector<float>(scale), new Vector<float>(offset));
        for (var y = 0; y < image.Height; y++)
        {
            var src = image.Pixels.AsSpan(y * image.Width * 3, image.Width * 3);
            var dst = output.AsSpan(y * stride * 3, image.Width * 3);
            var i = 0;
            for (; i + lanes <= src.Length; i += lanes)
            {
                Vector.Widen(new Vector<byte>(src[i..]), out var low, out var high);
                Vector.Widen(low, out var a, out var b);
                Vector.Widen(high, out var c, out var d);
                var floats = Vector<float>.Count;
                (Vector.ConvertToSingle(a) * scales + offsets).CopyTo(dst[i..]);
                (Vector.ConvertToSingle(b) * scales + offsets).CopyTo(dst[(i + floats)..]);
                (Vector.ConvertToSingle(c) * scales + offsets).CopyTo(dst[(i + 2 * floats)..]);
                (Vector.ConvertToSingle(d) * scales + offsets).CopyTo(dst[(i + 3 * floats)..]);
            }
            for (; i < src.Length; i++) dst[i] = src[i] * scale + offset;
        }
    }

    public float ToSourceX(float inputX) => inputX / FactorX;

    public float ToSourceY(float inputY) => inputY / FactorY;
}
