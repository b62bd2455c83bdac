using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Likeness.Vectors.Kernels;

/// <summary>
/// Symmetric int8 quantization with one scale per vector, and the dot-product scan over codes that
/// every search spends its time in. Rows are padded to a multiple of 16 bytes with zeros so the AVX2
/// loop has no tail. The scan is AVX-VNNI (vpdpbusd) where the CPU has it, else sign-extend (vpmovsxbw)
/// + multiply-add pairs (vpmaddwd): exact integer arithmetic either way, so every path gives the
/// scalar result (tested).
/// </summary>
internal static class Int8Kernels
{
    /// <summary>Bytes per code row for a dimension: rounded up to 16.</summary>
    public static int Stride(int dimension) => (dimension + 15) & ~15;

    /// <summary>Quantizes into <paramref name="code"/> (length = stride; padding zeroed) and returns the scale: x ≈ code · scale.</summary>
    public static float Quantize(ReadOnlySpan<float> vector, Span<sbyte> code)
    {
        float maxAbs = 0;
        foreach (float v in vector) maxAbs = MathF.Max(maxAbs, MathF.Abs(v));
        code.Clear();
        if (maxAbs == 0) return 0;
        float scale = maxAbs / 127f;
        float inverse = 127f / maxAbs;
        for (int i = 0; i < vector.Length; i++)
        {
            code[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] * inverse), -127f, 127f);
        }
        return scale;
    }

    /// <summary>Quantizes a query into 16-bit lanes (the form the vpmaddwd scan wants) and returns its scale.</summary>
    public static float QuantizeQuery(ReadOnlySpan<float> vector, Span<short> code)
    {
        Span<sbyte> bytes = stackalloc sbyte[code.Length];
        float scale = Quantize(vector, bytes);
        for (int i = 0; i < code.Length; i++) code[i] = bytes[i];
        return scale;
    }

    /// <summary>dots[i] = Σ codes[i·stride + j] · query[j] for the first <paramref name="count"/> rows; <paramref name="maxLevel"/> caps the path (0 scalar, 1 AVX2, 2 AVX-VNNI) for tests.</summary>
    public static void Dot(ReadOnlySpan<sbyte> codes, int count, int stride, ReadOnlySpan<short> query, Span<int> dots, int maxLevel = 2)
    {
        if ((uint)count > (uint)dots.Length || (long)count * stride > codes.Length || query.Length < stride)
            throw new ArgumentException("code, query or output buffers are too short");
        if (maxLevel >= 2 && AvxVnni.IsSupported && stride % 32 == 0) DotVnni(codes, count, stride, query, dots);
        else if (maxLevel >= 1 && Avx2.IsSupported) DotAvx2(codes, count, stride, query, dots);
        else DotScalar(codes, count, stride, query, dots);
    }

    private static void DotScalar(ReadOnlySpan<sbyte> codes, int count, int stride, ReadOnlySpan<short> query, Span<int> dots)
    {
        for (int i = 0; i < count; i++)
        {
            var row = codes.Slice(i * stride, stride);
            int sum = 0;
            for (int j = 0; j < stride; j++) sum += row[j] * query[j];
            dots[i] = sum;
        }
    }

    /// <summary>
    /// vpdpbusd multiplies unsigned by signed bytes, so each code byte is flipped to c + 128 (xor 0x80)
    /// and 128·Σq is subtracted once per row: Σ(c + 128)·q − 128·Σq = Σ c·q, still exact. It does 32
    /// multiply-adds per instruction where the AVX2 path does 16 in three, about twice as fast.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void DotVnni(ReadOnlySpan<sbyte> codes, int count, int stride, ReadOnlySpan<short> query, Span<int> dots)
    {
        sbyte* q = stackalloc sbyte[stride];
        int querySum = 0;
        for (int j = 0; j < stride; j++)
        {
            q[j] = (sbyte)query[j];
            querySum += query[j];
        }
        var correction = Vector128.Create(128 * querySum);
        var flip = Vector256.Create((byte)0x80);
        fixed (sbyte* c = codes)
        fixed (int* d = dots)
        {
            int i = 0;
            for (; i + 4 <= count; i += 4)
            {
                byte* p0 = (byte*)(c + (long)i * stride);
                byte* p1 = p0 + stride;
                byte* p2 = p1 + stride;
                byte* p3 = p2 + stride;
                var a0 = Vector256<int>.Zero;
                var a1 = Vector256<int>.Zero;
                var a2 = Vector256<int>.Zero;
                var a3 = Vector256<int>.Zero;
                for (int j = 0; j < stride; j += 32)
                {
                    var qv = Avx.LoadVector256(q + j);
                    a0 = AvxVnni.MultiplyWideningAndAdd(a0, Avx2.Xor(Avx.LoadVector256(p0 + j), flip), qv);
                    a1 = AvxVnni.MultiplyWideningAndAdd(a1, Avx2.Xor(Avx.LoadVector256(p1 + j), flip), qv);
                    a2 = AvxVnni.MultiplyWideningAndAdd(a2, Avx2.Xor(Avx.LoadVector256(p2 + j), flip), qv);
                    a3 = AvxVnni.MultiplyWideningAndAdd(a3, Avx2.Xor(Avx.LoadVector256(p3 + j), flip), qv);
                }
                var h = Avx2.HorizontalAdd(Avx2.HorizontalAdd(a0, a1), Avx2.HorizontalAdd(a2, a3));
                Sse2.Store(d + i, Sse2.Subtract(Sse2.Add(h.GetLower(), h.GetUpper()), correction));
            }
            for (; i < count; i++)
            {
                byte* p = (byte*)(c + (long)i * stride);
                var a = Vector256<int>.Zero;
                for (int j = 0; j < stride; j += 32)
                {
                    a = AvxVnni.MultiplyWideningAndAdd(a, Avx2.Xor(Avx.LoadVector256(p + j), flip), Avx.LoadVector256(q + j));
                }
                d[i] = Vector256.Sum(a) - 128 * querySum;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void DotAvx2(ReadOnlySpan<sbyte> codes, int count, int stride, ReadOnlySpan<short> query, Span<int> dots)
    {
        fixed (sbyte* c = codes)
        fixed (short* q = query)
        fixed (int* d = dots)
        {
            int i = 0;
            // Four rows at a time: four independent accumulators hide vpmaddwd latency, and three
            // horizontal adds reduce all four at once.
            for (; i + 4 <= count; i += 4)
            {
                sbyte* p0 = c + (long)i * stride;
                sbyte* p1 = p0 + stride;
                sbyte* p2 = p1 + stride;
                sbyte* p3 = p2 + stride;
                var a0 = Vector256<int>.Zero;
                var a1 = Vector256<int>.Zero;
                var a2 = Vector256<int>.Zero;
                var a3 = Vector256<int>.Zero;
                for (int j = 0; j < stride; j += 16)
                {
                    var qv = Avx.LoadVector256(q + j);
                    a0 = Avx2.Add(a0, Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(p0 + j), qv));
                    a1 = Avx2.Add(a1, Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(p1 + j), qv));
                    a2 = Avx2.Add(a2, Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(p2 + j), qv));
                    a3 = Avx2.Add(a3, Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(p3 + j), qv));
                }
                var h = Avx2.HorizontalAdd(Avx2.HorizontalAdd(a0, a1), Avx2.HorizontalAdd(a2, a3));
                Sse2.Store(d + i, Sse2.Add(h.GetLower(), h.GetUpper()));
            }
            for (; i < count; i++)
            {
                sbyte* p = c + (long)i * stride;
                var a = Vector256<int>.Zero;
                for (int j = 0; j < stride; j += 16)
                {
                    a = Avx2.Add(a, Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(p + j), Avx.LoadVector256(q + j)));
                }
                d[i] = Vector256.Sum(a);
            }
        }
    }
}
