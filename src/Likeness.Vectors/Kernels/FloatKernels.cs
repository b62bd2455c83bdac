using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Likeness.Vectors.Kernels;

/// <summary>Exact float distances. The index and its tests use the same function, so "exact" means bit-equal.</summary>
internal static class FloatKernels
{
    /// <summary>Squared Euclidean distance.</summary>
    public static float SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int n = a.Length;
        ref float pa = ref MemoryMarshal.GetReference(a);
        ref float pb = ref MemoryMarshal.GetReference(b);
        int i = 0;
        float sum = 0;
        if (Vector256.IsHardwareAccelerated && n >= 16)
        {
            var acc0 = Vector256<float>.Zero;
            var acc1 = Vector256<float>.Zero;
            for (; i + 16 <= n; i += 16)
            {
                var d0 = Vector256.LoadUnsafe(ref pa, (nuint)i) - Vector256.LoadUnsafe(ref pb, (nuint)i);
                var d1 = Vector256.LoadUnsafe(ref pa, (nuint)(i + 8)) - Vector256.LoadUnsafe(ref pb, (nuint)(i + 8));
                acc0 += d0 * d0;
                acc1 += d1 * d1;
            }
            sum = Vector256.Sum(acc0 + acc1);
        }
        for (; i < n; i++)
        {
            float d = Unsafe.Add(ref pa, i) - Unsafe.Add(ref pb, i);
            sum += d * d;
        }
        return sum;
    }

    /// <summary>Squared Euclidean norm.</summary>
    public static float SquaredNorm(ReadOnlySpan<float> a)
    {
        int n = a.Length;
        ref float pa = ref MemoryMarshal.GetReference(a);
        int i = 0;
        float sum = 0;
        if (Vector256.IsHardwareAccelerated && n >= 8)
        {
            var acc = Vector256<float>.Zero;
            for (; i + 8 <= n; i += 8)
            {
                var v = Vector256.LoadUnsafe(ref pa, (nuint)i);
                acc += v * v;
            }
            sum = Vector256.Sum(acc);
        }
        for (; i < n; i++)
        {
            float v = Unsafe.Add(ref pa, i);
            sum += v * v;
        }
        return sum;
    }

    /// <summary>Whether every value is finite (no NaN, no infinity).</summary>
    public static bool AllFinite(ReadOnlySpan<float> a)
    {
        foreach (float v in a)
        {
            if (!float.IsFinite(v)) return false;
        }
        return true;
    }
}
