namespace Likeness.Models.Conversion.Onnx;

/// <summary>Re-lays TensorFlow convolution filters out for ONNX Conv, which wants OIHW.</summary>
public static class OnnxWeightLayout
{
    /// <summary>A Conv2D filter [kh, kw, in, out] (HWIO) as [out, in, kh, kw] (OIHW).</summary>
    public static float[] HwioToOihw(ReadOnlySpan<float> hwio, long kh, long kw, long inChannels, long outChannels)
    {
        CheckCount(hwio.Length, kh * kw * inChannels * outChannels);
        var oihw = new float[hwio.Length];
        for (long y = 0; y < kh; y++)
        for (long x = 0; x < kw; x++)
        for (long i = 0; i < inChannels; i++)
        for (long o = 0; o < outChannels; o++)
        {
            oihw[((o * inChannels + i) * kh + y) * kw + x] = hwio[(int)(((y * kw + x) * inChannels + i) * outChannels + o)];
        }
        return oihw;
    }

    /// <summary>
    /// A depthwise filter [kh, kw, in, multiplier] as a grouped-Conv weight [in * multiplier, 1, kh, kw]
    /// (group = in). TensorFlow numbers depthwise output channels in * multiplier + m, as ONNX groups do.
    /// </summary>
    public static float[] DepthwiseToOihw(ReadOnlySpan<float> filter, long kh, long kw, long inChannels, long multiplier)
    {
        CheckCount(filter.Length, kh * kw * inChannels * multiplier);
        var oihw = new float[filter.Length];
        for (long y = 0; y < kh; y++)
        for (long x = 0; x < kw; x++)
        for (long i = 0; i < inChannels; i++)
        for (long m = 0; m < multiplier; m++)
        {
            oihw[((i * multiplier + m) * kh + y) * kw + x] = filter[(int)(((y * kw + x) * inChannels + i) * multiplier + m)];
        }
        return oihw;
    }

    /// <summary>Permutes a dense row-major tensor: output axis k is input axis <paramref name="perm"/>[k].</summary>
    public static T[] Transpose<T>(ReadOnlySpan<T> data, IReadOnlyList<long> shape, IReadOnlyList<int> perm)
    {
        var rank = shape.Count;
        if (perm.Count != rank) throw new ArgumentException($"A permutation of {perm.Count} axes does not fit rank {rank}.", nameof(perm));
        var count = shape.Aggregate(1L, (a, b) => a * b);
        CheckCount(data.Length, count);
        var inStrides = new long[rank];
        for (int k = rank - 1, s = 1; k >= 0; s *= (int)shape[k], k--) inStrides[k] = s;
        var outShape = perm.Select(p => shape[p]).ToArray();
        var result = new T[data.Length];
        var index = new long[rank];
        for (long flat = 0; flat < count; flat++)
        {
            long source = 0;
            for (var k = 0; k < rank; k++) source += index[k] * inStrides[perm[k]];
            result[flat] = data[(int)source];
            for (var k = rank - 1; k >= 0 && ++index[k] == outShape[k]; k--) index[k] = 0;
        }
        return result;
    }

    private static void CheckCount(int actual, long expected)
    {
        if (actual != expected) throw new ArgumentException($"Expected {expected} values, got {actual}.");
    }
}
