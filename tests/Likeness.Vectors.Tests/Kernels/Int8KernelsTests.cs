using Likeness.Vectors.Kernels;

namespace Likeness.Vectors.Tests.Kernels;

public sealed class Int8KernelsTests
{
    [Theory]
    [InlineData(128, 37)]
    [InlineData(512, 9)]
    [InlineData(48, 6)]
    [InlineData(5, 4)]
    public void EveryAcceleratedDotPathEqualsTheScalarDot(int dimension, int rows)
    {
        int stride = Int8Kernels.Stride(dimension);
        var random = new Random(dimension);
        var codes = new sbyte[rows * stride];
        foreach (var (v, i) in TestVectors.Random(rows, dimension, 1).Select((v, i) => (v, i)))
            Int8Kernels.Quantize(v, codes.AsSpan(i * stride, stride));
        var query = new short[stride];
        Int8Kernels.QuantizeQuery(TestVectors.Random(1, dimension, 2)[0], query);

        var scalar = new int[rows];
        Int8Kernels.Dot(codes, rows, stride, query, scalar, maxLevel: 0);
        for (int level = 1; level <= 2; level++)
        {
            var accelerated = new int[rows];
            Int8Kernels.Dot(codes, rows, stride, query, accelerated, maxLevel: level);
            Assert.Equal(scalar, accelerated);
        }
    }

    [Fact]
    public void QuantizationErrorIsWithinHalfAStep()
    {
        var v = TestVectors.Random(1, 128, 3)[0];
        var code = new sbyte[128];
        float scale = Int8Kernels.Quantize(v, code);
        for (int i = 0; i < v.Length; i++) Assert.InRange(v[i] - code[i] * scale, -scale / 2 * 1.001f, scale / 2 * 1.001f);
    }
}
