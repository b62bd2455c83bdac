using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Likeness.Models.Assets;
using Likeness.Models.Catalog;
using Likeness.Models.Conversion.BlazeFace;

namespace Likeness.Vision.Faces.Detection;

/// <summary>
/// BlazeFace's layers at 24 channels (a 5x5 stride-2 convolution, then residual blocks of a 3x3 depthwise and a 1x1
/// convolution: seven at half the input's size, one that halves it again with a max-pooled residual, seven more)
/// computed in one pass over the image, row by row.
/// </summary>
/// <remarks>
/// These layers are three quarters of the detector's time in ONNX Runtime, which gives each layer a whole tensor in
/// memory (11 MB at 832x544 for the first ones) and pads their 24 channels to 32 on AVX-512 CPUs: each layer streams
/// through main memory at a fraction of the arithmetic it could do. Here each block keeps only the three rows of its
/// input that its 3x3 window needs, so the blocks work within the CPU's cache and only the image and the last
/// block's output (a sixteenth of the pixels) touch memory. The arithmetic is the graph's (TF's SAME padding, bias,
/// residual add, ReLU) in another summation order, so outputs agree with ONNX Runtime's to float rounding.
/// Thread-safe: a run's buffers are its own.
/// </remarks>
public sealed class BlazeFaceStem
{
    /// <summary>Channels of every layer here, and of the output.</summary>
    public const int Channels = BlazeFaceStemWeights.Channels;

    /// <summary>Input channels (RGB).</summary>
    public const int InputChannels = 3;

    private const string SourceGraph = "models/blazeface.json";
    private const string SourceWeights = "models/blazeface.bin";
    private const int StemKernel = 5;
    private const int Lanes = 8;
    private const int Group = 4;

    private readonly float[] _stemFilter;
    private readonly float[] _stemBias;
    private readonly BlazeFaceBlockWeights[] _blocks;

    /// <summary>A kernel for <paramref name="weights"/>, whose sizes are checked here so that it can read them without bounds checks.</summary>
    public BlazeFaceStem(BlazeFaceStemWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        Require(weights.StemFilter, StemKernel * StemKernel * InputChannels * Channels, "stem filter");
        Require(weights.StemBias, Channels, "stem bias");
        if (weights.Blocks.Count == 0) throw new ArgumentException("At least one block is needed.", nameof(weights));
        foreach (var block in weights.Blocks)
        {
            Require(block.Depthwise, 9 * Channels, "depthwise filter");
            Require(block.Pointwise, Channels * Channels, "pointwise filter");
            Require(block.Bias, Channels, "block bias");
            if (block.Stride is not (1 or 2)) throw new ArgumentException($"A block's stride is 1 or 2, not {block.Stride}.", nameof(weights));
        }
        _stemFilter = weights.StemFilter;
        _stemBias = weights.StemBias;
        _blocks = [.. weights.Blocks];

        static void Require(float[] values, int length, string what)
        {
            if (values?.Length != length) throw new ArgumentException($"The {what} must have {length} values.", nameof(weights));
        }
    }

    /// <summary>The stem of human-models' BlazeFace, its TF.js files verified against their pins before they are read.</summary>
    public static BlazeFaceStem Open(InstalledAssets assets)
    {
        ArgumentNullException.ThrowIfNull(assets);
        var graph = assets.PackageFile(ModelCatalog.HumanModels, SourceGraph);
        assets.PackageFile(ModelCatalog.HumanModels, SourceWeights);
        return new BlazeFaceStem(BlazeFaceStemWeights.Read(graph));
    }

    /// <summary>Whether this CPU runs 8-float vectors natively; without them ONNX Runtime is the faster choice.</summary>
    public static bool IsAccelerated => Vector256.IsHardwareAccelerated;

    /// <summary>The output's height and width for an input of <paramref name="height"/> x <paramref name="width"/> (TF's SAME: each stride 2 halves a side, rounding up).</summary>
    public (int Height, int Width) OutputSize(int height, int width) => (Sides(height)[^1], Sides(width)[^1]);

    /// <summary>Runs the layers on an NHWC RGB image of one batch item, returning the last block's value in NCHW [24, height, width] (<see cref="OutputSize"/>).</summary>
    public float[] Run(ReadOnlySpan<float> input, int height, int width)
    {
        if (height < 1 || width < 1) throw new ArgumentOutOfRangeException(nameof(height), "The input must have at least one pixel.");
        if (input.Length != height * width * InputChannels) throw new ArgumentException($"Expected {height}x{width}x3 floats, got {input.Length}.", nameof(input));
        var pass = new Pass(this, input, height, width);
        pass.Run();
        return pass.Output;
    }

    private static int Half(int side) => (side + 1) / 2;

    // A side of the image at every stage: [0] the stem's output (each block's input in turn), [i + 1] block i's output.
    private int[] Sides(int inputSide)
    {
        var sides = new int[_blocks.Length + 1];
        sides[0] = Half(inputSide);
        for (var b = 0; b < _blocks.Length; b++) sides[b + 1] = _blocks[b].Stride == 1 ? sides[b] : Half(sides[b]);
        return sides;
    }

    // TF's SAME padding before the first pixel: of the padding that makes the output ceil(in / stride), the odd one goes at the end.
    private static int SamePadBefore(int input, int output, int kernel, int stride) => Math.Max((output - 1) * stride + kernel - input, 0) / 2;

    /// <summary>
    /// One run's buffers: per block a ring of the three input rows its window needs, each row with a zero column either
    /// side. Rows flow through as soon as they can: each new input row of a block emits every output row whose window it
    /// completes, which feeds the next block's ring.
    /// </summary>
    private ref struct Pass
    {
        private readonly BlazeFaceStem _stem;
        private readonly ReadOnlySpan<float> _input;
        private readonly int _inHeight, _inWidth, _padTop, _padLeft;
        // Per stage (Sides): height and width; per block: its window's padding above and left, the next row it emits.
        private readonly int[] _heights, _widths, _top, _left, _next;
        private readonly float[][] _rings;
        private readonly float[] _zeroRow, _residual, _lastRow;
        public float[] Output { get; }

        public Pass(BlazeFaceStem stem, ReadOnlySpan<float> input, int height, int width)
        {
            _stem = stem;
            _input = input;
            _inHeight = height;
            _inWidth = width;
            var n = stem._blocks.Length;
            (_heights, _widths) = (stem.Sides(height), stem.Sides(width));
            (_top, _left, _next) = (new int[n], new int[n], new int[n]);
            _padTop = SamePadBefore(height, _heights[0], StemKernel, 2);
            _padLeft = SamePadBefore(width, _widths[0], StemKernel, 2);
            _rings = new float[n][];
            for (var b = 0; b < n; b++)
            {
                var stride = stem._blocks[b].Stride;
                _top[b] = SamePadBefore(_heights[b], _heights[b + 1], 3, stride);
                _left[b] = SamePadBefore(_widths[b], _widths[b + 1], 3, stride);
                _rings[b] = new float[3 * (_widths[b] + 2) * Channels];
            }
            _zeroRow = new float[(_widths[0] + 2) * Channels];
            _residual = new float[(_widths[0] + 2) * Channels];
            _lastRow = new float[_widths[n] * Channels];
            Output = new float[_heights[n] * _widths[n] * Channels];
        }

        public void Run()
        {
            for (var y = 0; y < _heights[0]; y++)
            {
                StemRow(y, Slot(0, y));
                Pushed(0, y);
            }
        }

        private readonly Span<float> Slot(int b, int y)
        {
            var floats = (_widths[b] + 2) * Channels;
            return _rings[b].AsSpan(y % 3 * floats, floats);
        }

        private readonly Span<float> Row(int b, int y) => y >= 0 && y < _heights[b] ? Slot(b, y) : _zeroRow.AsSpan(0, (_widths[b] + 2) * Channels);

        // Block b's input row y now exists: emit every output row whose window it completes (all that are left after the last row).
        private void Pushed(int b, int y)
        {
            var stride = _stem._blocks[b].Stride;
            while (_next[b] < _heights[b + 1] && (_next[b] * stride - _top[b] + 2 <= y || y == _heights[b] - 1)) Emit(b, _next[b]++);
        }

        private void Emit(int b, int y)
        {
            var block = _stem._blocks[b];
            var first = y * block.Stride - _top[b];
            var outWidth = _widths[b + 1];
            Span<float> residual;
            if (block.Stride == 1)
            {
                residual = Slot(b, y);
            }
            else
            {
                // The residual branch's 2x2 max pool. Its SAME padding is ignored by TF; reading the rings' zero columns and
                // rows instead changes nothing, since every input here is a ReLU's output, never below zero.
                residual = _residual.AsSpan(0, (outWidth + 2) * Channels);
                var upper = Row(b, 2 * y);
                var lower = Row(b, 2 * y + 1);
                for (var x = 0; x < outWidth; x++)
                {
                    for (var c = 0; c < Channels; c += Lanes)
                    {
                        var i = (2 * x + 1) * Channels + c;
                        var max = Vector256.Max(Vector256.Max(Vector256.Create(upper.Slice(i, Lanes)), Vector256.Create(upper.Slice(i + Channels, Lanes))),
                            Vector256.Max(Vector256.Create(lower.Slice(i, Lanes)), Vector256.Create(lower.Slice(i + Channels, Lanes))));
                        max.CopyTo(residual.Slice((x + 1) * Channels + c, Lanes));
                    }
                }
            }
            var last = b == _stem._blocks.Length - 1;
            var destination = last ? _lastRow : Slot(b + 1, y);
            BlockRow(block, Row(b, first), Row(b, first + 1), Row(b, first + 2), residual, destination, last ? 0 : 1, outWidth, 1 - _left[b]);
            if (!last)
            {
                Pushed(b + 1, y);
                return;
            }
            // The tail model takes NCHW, as its convolutions compute: one plane per channel.
            var plane = _heights[b + 1] * outWidth;
            for (var c = 0; c < Channels; c++)
            {
                var target = Output.AsSpan(c * plane + y * outWidth, outWidth);
                for (var x = 0; x < outWidth; x++) target[x] = _lastRow[x * Channels + c];
            }
        }

        private void StemRow(int y, Span<float> destination)
        {
            ref var filter = ref _stem._stemFilter[0];
            var bias0 = Vector256.Create(_stem._stemBias.AsSpan(0, Lanes));
            var bias1 = Vector256.Create(_stem._stemBias.AsSpan(Lanes, Lanes));
            var bias2 = Vector256.Create(_stem._stemBias.AsSpan(2 * Lanes, Lanes));
            var firstRow = y * 2 - _padTop;
            var ky0 = Math.Max(0, -firstRow);
            var ky1 = Math.Min(StemKernel, _inHeight - firstRow);
            var inRow = _inWidth * InputChannels;
            ref var input = ref Unsafe.AsRef(in _input[0]);
            ref var output = ref destination[Channels];
            // Columns whose 5x5 window lies inside the image take the unrolled path; the few at the edges the checked one.
            var x = 0;
            for (; x < _widths[0] && x * 2 - _padLeft < 0; x++) StemPixelChecked(y, x, destination);
            for (; x + Group <= _widths[0] && (x + Group - 1) * 2 - _padLeft + StemKernel <= _inWidth; x += Group)
            {
                Vector256<float> a00 = bias0, a01 = bias1, a02 = bias2, a10 = bias0, a11 = bias1, a12 = bias2;
                Vector256<float> a20 = bias0, a21 = bias1, a22 = bias2, a30 = bias0, a31 = bias1, a32 = bias2;
                var column = (x * 2 - _padLeft) * InputChannels;
                for (var ky = ky0; ky < ky1; ky++)
                {
                    var rowStart = (firstRow + ky) * inRow + column;
                    for (var kx = 0; kx < StemKernel; kx++)
                    {
                        for (var c = 0; c < InputChannels; c++)
                        {
                            var w = ((ky * StemKernel + kx) * InputChannels + c) * Channels;
                            var w0 = Vector256.LoadUnsafe(ref filter, (nuint)w);
                            var w1 = Vector256.LoadUnsafe(ref filter, (nuint)(w + Lanes));
                            var w2 = Vector256.LoadUnsafe(ref filter, (nuint)(w + 2 * Lanes));
                            var i = rowStart + kx * InputChannels + c;
                            var s = Vector256.Create(Unsafe.Add(ref input, i));
                            a00 = Vector256.MultiplyAddEstimate(s, w0, a00); a01 = Vector256.MultiplyAddEstimate(s, w1, a01); a02 = Vector256.MultiplyAddEstimate(s, w2, a02);
                            s = Vector256.Create(Unsafe.Add(ref input, i + 2 * InputChannels));
                            a10 = Vector256.MultiplyAddEstimate(s, w0, a10); a11 = Vector256.MultiplyAddEstimate(s, w1, a11); a12 = Vector256.MultiplyAddEstimate(s, w2, a12);
                            s = Vector256.Create(Unsafe.Add(ref input, i + 4 * InputChannels));
                            a20 = Vector256.MultiplyAddEstimate(s, w0, a20); a21 = Vector256.MultiplyAddEstimate(s, w1, a21); a22 = Vector256.MultiplyAddEstimate(s, w2, a22);
                            s = Vector256.Create(Unsafe.Add(ref input, i + 6 * InputChannels));
                            a30 = Vector256.MultiplyAddEstimate(s, w0, a30); a31 = Vector256.MultiplyAddEstimate(s, w1, a31); a32 = Vector256.MultiplyAddEstimate(s, w2, a32);
                        }
                    }
                }
                var o = (nuint)(x * Channels);
                StoreRelu(a00, a01, a02, ref output, o);
                StoreRelu(a10, a11, a12, ref output, o + Channels);
                StoreRelu(a20, a21, a22, ref output, o + 2 * Channels);
                StoreRelu(a30, a31, a32, ref output, o + 3 * Channels);
            }
            for (; x < _widths[0]; x++) StemPixelChecked(y, x, destination);
        }

        private readonly void StemPixelChecked(int y, int x, Span<float> destination)
        {
            Span<float> sum = stackalloc float[Channels];
            _stem._stemBias.CopyTo(sum);
            for (var ky = 0; ky < StemKernel; ky++)
            {
                var iy = y * 2 - _padTop + ky;
                if (iy < 0 || iy >= _inHeight) continue;
                for (var kx = 0; kx < StemKernel; kx++)
                {
                    var ix = x * 2 - _padLeft + kx;
                    if (ix < 0 || ix >= _inWidth) continue;
                    for (var c = 0; c < InputChannels; c++)
                    {
                        var value = _input[(iy * _inWidth + ix) * InputChannels + c];
                        var w = ((ky * StemKernel + kx) * InputChannels + c) * Channels;
                        for (var o = 0; o < Channels; o++) sum[o] += value * _stem._stemFilter[w + o];
                    }
                }
            }
            var target = destination.Slice((x + 1) * Channels, Channels);
            for (var o = 0; o < Channels; o++) target[o] = Math.Max(sum[o], 0f);
        }

        // One output row of a block: depthwise 3x3 into a small scratch, then the 1x1 convolution, the residual and
        // ReLU, four pixels at a time so each loaded weight vector serves four pixels.
        // firstColumn: the padded column where output pixel 0's window starts (0 for stride 1; 1 - left padding for stride 2).
        private static void BlockRow(BlazeFaceBlockWeights block, Span<float> up, Span<float> middle, Span<float> down, Span<float> residualRow,
            Span<float> destination, int destinationPad, int width, int firstColumn)
        {
            Span<float> depthwise = stackalloc float[Group * Channels];
            ref var scratch = ref depthwise[0];
            ref var pointwise = ref block.Pointwise[0];
            ref var residual = ref residualRow[0];
            var stride = block.Stride;
            ref var output = ref destination[destinationPad * Channels];
            var bias0 = Vector256.Create(block.Bias.AsSpan(0, Lanes));
            var bias1 = Vector256.Create(block.Bias.AsSpan(Lanes, Lanes));
            var bias2 = Vector256.Create(block.Bias.AsSpan(2 * Lanes, Lanes));
            var x = 0;
            for (; x + Group <= width; x += Group)
            {
                DepthwiseGroup(block, up, middle, down, x * stride + firstColumn, stride, ref scratch);
                Vector256<float> a00 = bias0, a01 = bias1, a02 = bias2, a10 = bias0, a11 = bias1, a12 = bias2;
                Vector256<float> a20 = bias0, a21 = bias1, a22 = bias2, a30 = bias0, a31 = bias1, a32 = bias2;
                for (var c = 0; c < Channels; c++)
                {
                    var w0 = Vector256.LoadUnsafe(ref pointwise, (nuint)(c * Channels));
                    var w1 = Vector256.LoadUnsafe(ref pointwise, (nuint)(c * Channels + Lanes));
                    var w2 = Vector256.LoadUnsafe(ref pointwise, (nuint)(c * Channels + 2 * Lanes));
                    var s = Vector256.Create(Unsafe.Add(ref scratch, c));
                    a00 = Vector256.MultiplyAddEstimate(s, w0, a00); a01 = Vector256.MultiplyAddEstimate(s, w1, a01); a02 = Vector256.MultiplyAddEstimate(s, w2, a02);
                    s = Vector256.Create(Unsafe.Add(ref scratch, Channels + c));
                    a10 = Vector256.MultiplyAddEstimate(s, w0, a10); a11 = Vector256.MultiplyAddEstimate(s, w1, a11); a12 = Vector256.MultiplyAddEstimate(s, w2, a12);
                    s = Vector256.Create(Unsafe.Add(ref scratch, 2 * Channels + c));
                    a20 = Vector256.MultiplyAddEstimate(s, w0, a20); a21 = Vector256.MultiplyAddEstimate(s, w1, a21); a22 = Vector256.MultiplyAddEstimate(s, w2, a22);
                    s = Vector256.Create(Unsafe.Add(ref scratch, 3 * Channels + c));
                    a30 = Vector256.MultiplyAddEstimate(s, w0, a30); a31 = Vector256.MultiplyAddEstimate(s, w1, a31); a32 = Vector256.MultiplyAddEstimate(s, w2, a32);
                }
                var r = (nuint)((x + 1) * Channels);
                var o = (nuint)(x * Channels);
                StoreResidualRelu(a00, a01, a02, ref residual, r, ref output, o);
                StoreResidualRelu(a10, a11, a12, ref residual, r + Channels, ref output, o + Channels);
                StoreResidualRelu(a20, a21, a22, ref residual, r + 2 * Channels, ref output, o + 2 * Channels);
                StoreResidualRelu(a30, a31, a32, ref residual, r + 3 * Channels, ref output, o + 3 * Channels);
            }
            for (; x < width; x++)
            {
                Depthwise(block, up, middle, down, x * stride + firstColumn, ref scratch);
                Vector256<float> a0 = bias0, a1 = bias1, a2 = bias2;
                for (var c = 0; c < Channels; c++)
                {
                    var s = Vector256.Create(Unsafe.Add(ref scratch, c));
                    a0 = Vector256.MultiplyAddEstimate(s, Vector256.LoadUnsafe(ref pointwise, (nuint)(c * Channels)), a0);
                    a1 = Vector256.MultiplyAddEstimate(s, Vector256.LoadUnsafe(ref pointwise, (nuint)(c * Channels + Lanes)), a1);
                    a2 = Vector256.MultiplyAddEstimate(s, Vector256.LoadUnsafe(ref pointwise, (nuint)(c * Channels + 2 * Lanes)), a2);
                }
                StoreResidualRelu(a0, a1, a2, ref residual, (nuint)((x + 1) * Channels), ref output, (nuint)(x * Channels));
            }
        }

        // The window is padded columns column..column+2 of the three rows (a zero column sits either side).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Depthwise(BlazeFaceBlockWeights block, Span<float> up, Span<float> middle, Span<float> down, int column, ref float destination)
        {
            ref var filter = ref block.Depthwise[0];
            var start = (nuint)(column * Channels);
            Vector256<float> d0 = default, d1 = default, d2 = default;
            Accumulate(ref up[0], start, ref filter, 0, ref d0, ref d1, ref d2);
            Accumulate(ref middle[0], start, ref filter, 3 * Channels, ref d0, ref d1, ref d2);
            Accumulate(ref down[0], start, ref filter, 6 * Channels, ref d0, ref d1, ref d2);
            d0.StoreUnsafe(ref destination);
            d1.StoreUnsafe(ref destination, Lanes);
            d2.StoreUnsafe(ref destination, 2 * Lanes);
        }

        // Four output pixels' windows, step padded columns apart, a channel group at a time, so that each filter
        // vector loaded serves four pixels (loads, not multiplies, were what limited the one-pixel version).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void DepthwiseGroup(BlazeFaceBlockWeights block, Span<float> up, Span<float> middle, Span<float> down, int column, int step, ref float destination)
        {
            ref var filter = ref block.Depthwise[0];
            var stepFloats = (nuint)(step * Channels);
            for (nuint lane = 0; lane < Channels; lane += Lanes)
            {
                var start = (nuint)(column * Channels) + lane;
                Vector256<float> p0 = default, p1 = default, p2 = default, p3 = default;
                Taps(ref up[0], start, stepFloats, ref filter, lane, ref p0, ref p1, ref p2, ref p3);
                Taps(ref middle[0], start, stepFloats, ref filter, 3 * Channels + lane, ref p0, ref p1, ref p2, ref p3);
                Taps(ref down[0], start, stepFloats, ref filter, 6 * Channels + lane, ref p0, ref p1, ref p2, ref p3);
                p0.StoreUnsafe(ref destination, lane);
                p1.StoreUnsafe(ref destination, Channels + lane);
                p2.StoreUnsafe(ref destination, 2 * Channels + lane);
                p3.StoreUnsafe(ref destination, 3 * Channels + lane);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Taps(ref float row, nuint start, nuint step, ref float filter, nuint tap,
            ref Vector256<float> p0, ref Vector256<float> p1, ref Vector256<float> p2, ref Vector256<float> p3)
        {
            for (nuint k = 0; k < 3; k++)
            {
                var w = Vector256.LoadUnsafe(ref filter, tap + k * Channels);
                var i = start + k * Channels;
                p0 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, i), w, p0);
                p1 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, i + step), w, p1);
                p2 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, i + 2 * step), w, p2);
                p3 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, i + 3 * step), w, p3);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Accumulate(ref float row, nuint start, ref float filter, nuint tap, ref Vector256<float> d0, ref Vector256<float> d1, ref Vector256<float> d2)
        {
            for (nuint k = 0; k < 3; k++)
            {
                var i = start + k * Channels;
                var w = tap + k * Channels;
                d0 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, i), Vector256.LoadUnsafe(ref filter, w), d0);
                d1 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, i + Lanes), Vector256.LoadUnsafe(ref filter, w + Lanes), d1);
                d2 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, i + 2 * Lanes), Vector256.LoadUnsafe(ref filter, w + 2 * Lanes), d2);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void StoreRelu(Vector256<float> a0, Vector256<float> a1, Vector256<float> a2, ref float output, nuint at)
        {
            Vector256.Max(a0, Vector256<float>.Zero).StoreUnsafe(ref output, at);
            Vector256.Max(a1, Vector256<float>.Zero).StoreUnsafe(ref output, at + Lanes);
            Vector256.Max(a2, Vector256<float>.Zero).StoreUnsafe(ref output, at + 2 * Lanes);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void StoreResidualRelu(Vector256<float> a0, Vector256<float> a1, Vector256<float> a2, ref float residual, nuint from, ref float output, nuint at)
        {
            StoreRelu(a0 + Vector256.LoadUnsafe(ref residual, from), a1 + Vector256.LoadUnsafe(ref residual, from + Lanes),
                a2 + Vector256.LoadUnsafe(ref residual, from + 2 * Lanes), ref output, at);
        }
    }
}
