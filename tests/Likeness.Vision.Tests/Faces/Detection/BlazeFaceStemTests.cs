using Likeness.Models.Conversion.BlazeFace;
using Likeness.Vision.Faces.Detection;

namespace Likeness.Vision.Tests.Faces.Detection;

public sealed class BlazeFaceStemTests
{
    private const int C = BlazeFaceStem.Channels;

    [Theory]
    [InlineData(32, 32)]
    [InlineData(1, 1)]
    [InlineData(5, 7)]
    [InlineData(17, 46)]
    [InlineData(64, 9)]
    public void ComputesWhatTheLayersDefineAtAnySize(int height, int width)
    {
        // Odd and tiny sizes reach every edge path: SAME padding's extra pixel at the end, the checked columns,
        // the unrolled four-pixel groups and their remainder, and the zero rows above and below.
        var random = new Random(height * 100 + width);
        // Strides as in BlazeFace (a stride-2 block between stride-1 ones), fewer blocks.
        var weights = RandomWeights(random, strides: [1, 1, 2, 1]);
        var input = Floats(random, height * width * 3, 1f);

        var actual = new BlazeFaceStem(weights).Run(input, height, width);

        var (expected, h, w) = Reference(weights, input, height, width);
        Assert.Equal((h, w), new BlazeFaceStem(weights).OutputSize(height, width));
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-4f);
    }

    [Fact]
    public void HalvesTheSideOnceForTheStemAndOnceForEachStridedBlockRoundingUp()
    {
        var stem = new BlazeFaceStem(RandomWeights(new Random(2), strides: [1, 2, 1, 2]));
        Assert.Equal((68, 104), stem.OutputSize(544, 832));
        Assert.Equal((1, 1), stem.OutputSize(5, 1));
        Assert.Equal((2, 3), stem.OutputSize(13, 17));
    }

    [Fact]
    public void RejectsWeightsOfTheWrongSizeAndInputsThatDoNotMatchTheirSize()
    {
        var weights = RandomWeights(new Random(1), strides: [1]);
        Assert.Throws<ArgumentException>(() => new BlazeFaceStem(weights with { StemBias = new float[23] }));
        Assert.Throws<ArgumentException>(() => new BlazeFaceStem(weights with { Blocks = [weights.Blocks[0] with { Pointwise = new float[24 * 23] }] }));
        Assert.Throws<ArgumentException>(() => new BlazeFaceStem(weights with { Blocks = [] }));
        Assert.Throws<ArgumentException>(() => new BlazeFaceStem(weights with { Blocks = [weights.Blocks[0] with { Stride = 3 }] }));
        var stem = new BlazeFaceStem(weights);
        Assert.Throws<ArgumentException>(() => stem.Run(new float[10 * 10 * 3 - 1], 10, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => stem.Run([], 0, 0));
    }

    private static BlazeFaceStemWeights RandomWeights(Random random, int[] strides) => new(
        Floats(random, 5 * 5 * 3 * C, 0.2f), Floats(random, C, 0.5f),
        [.. strides.Select(stride => new BlazeFaceBlockWeights(Floats(random, 9 * C, 0.3f), Floats(random, C * C, 0.2f), Floats(random, C, 0.5f), stride))]);

    private static float[] Floats(Random random, int count, float scale) =>
        [.. Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1) * scale)];

    // The layers as TF defines them, one multiply-add at a time: SAME padding puts the odd pixel at the end, and the
    // max pool ignores its padding. Returns NCHW, as the kernel does.
    private static (float[] Values, int Height, int Width) Reference(BlazeFaceStemWeights w, float[] input, int height, int width)
    {
        var (h, wd) = ((height + 1) / 2, (width + 1) / 2);
        var x = new float[h * wd * C];
        var (top, left) = (Pad(height, h, 5), Pad(width, wd, 5));
        for (var oy = 0; oy < h; oy++)
        for (var ox = 0; ox < wd; ox++)
        for (var o = 0; o < C; o++)
        {
            double sum = w.StemBias[o];
            for (var ky = 0; ky < 5; ky++)
            for (var kx = 0; kx < 5; kx++)
            {
                var (iy, ix) = (oy * 2 - top + ky, ox * 2 - left + kx);
                if (iy < 0 || iy >= height || ix < 0 || ix >= width) continue;
                for (var c = 0; c < 3; c++) sum += input[(iy * width + ix) * 3 + c] * w.StemFilter[((ky * 5 + kx) * 3 + c) * C + o];
            }
            x[(oy * wd + ox) * C + o] = (float)Math.Max(sum, 0);
        }
        foreach (var block in w.Blocks)
        {
            var s = block.Stride;
            var (oh, ow) = s == 1 ? (h, wd) : ((h + 1) / 2, (wd + 1) / 2);
            var (pt, pl) = s == 1 ? (1, 1) : (Pad(h, oh, 3), Pad(wd, ow, 3));
            var next = new float[oh * ow * C];
            for (var y = 0; y < oh; y++)
            for (var xx = 0; xx < ow; xx++)
            {
                var depthwise = new double[C];
                for (var c = 0; c < C; c++)
                for (var ky = 0; ky < 3; ky++)
                for (var kx = 0; kx < 3; kx++)
                {
                    var (iy, ix) = (y * s - pt + ky, xx * s - pl + kx);
                    if (iy >= 0 && iy < h && ix >= 0 && ix < wd) depthwise[c] += x[(iy * wd + ix) * C + c] * block.Depthwise[(ky * 3 + kx) * C + c];
                }
                for (var o = 0; o < C; o++)
                {
                    double sum = block.Bias[o];
                    for (var c = 0; c < C; c++) sum += (float)depthwise[c] * block.Pointwise[c * C + o];
                    var residual = float.MinValue;
                    if (s == 1) residual = x[(y * wd + xx) * C + o];
                    else
                    {
                        for (var iy = 2 * y; iy < Math.Min(2 * y + 2, h); iy++)
                        for (var ix = 2 * xx; ix < Math.Min(2 * xx + 2, wd); ix++) residual = Math.Max(residual, x[(iy * wd + ix) * C + o]);
                    }
                    next[(y * ow + xx) * C + o] = (float)Math.Max(sum + residual, 0);
                }
            }
            (x, h, wd) = (next, oh, ow);
        }
        var nchw = new float[x.Length];
        for (var p = 0; p < h * wd; p++)
        for (var c = 0; c < C; c++) nchw[c * h * wd + p] = x[p * C + c];
        return (nchw, h, wd);
    }

    private static int Pad(int input, int output, int kernel) => Math.Max((output - 1) * 2 + kernel - input, 0) / 2;
}
