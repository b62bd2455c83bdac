using Likeness.Models.Conversion.Onnx;

namespace Likeness.Models.Conversion.FaceApi;

/// <summary>
/// Convolution weights in ONNX's layout ([out, in / groups, kh, kw]), converted from TF's filter layouts:
/// conv2d's [kh, kw, in, out] and depthwiseConv2d's [kh, kw, in, multiplier].
/// </summary>
internal sealed class FaceApiConvKernel
{
    private FaceApiConvKernel(float[] weights, int outChannels, int inChannelsPerGroup, int kernelHeight, int kernelWidth, int groups)
    {
        Weights = weights;
        OutChannels = outChannels;
        InChannelsPerGroup = inChannelsPerGroup;
        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
        Groups = groups;
    }

    public float[] Weights { get; }
    public int OutChannels { get; }
    public int InChannelsPerGroup { get; }
    public int KernelHeight { get; }
    public int KernelWidth { get; }
    public int Groups { get; }
    public int InChannels => InChannelsPerGroup * Groups;

    public long[] Dims => [OutChannels, InChannelsPerGroup, KernelHeight, KernelWidth];

    /// <summary>Reads a conv2d filter [kh, kw, in, out] whose input depth must be <paramref name="inChannels"/>.</summary>
    public static FaceApiConvKernel Conv(FaceApiWeightMap weights, string name, int inChannels)
    {
        var shape = weights.Shape(name, 4);
        if (shape[2] != inChannels)
        {
            throw weights.Misshaped(name, shape, $"{inChannels} input channels");
        }
        var (kh, kw, cin, cout) = ((int)shape[0], (int)shape[1], (int)shape[2], (int)shape[3]);
        var oihw = OnnxWeightLayout.HwioToOihw(weights.Floats(name, shape), kh, kw, cin, cout);
        return new FaceApiConvKernel(oihw, cout, cin, kh, kw, 1);
    }

    /// <summary>
    /// Reads a depthwiseConv2d filter [kh, kw, channels, multiplier]. TF orders the outputs channel-major
    /// (output c * multiplier + m), which is ONNX's grouped-conv order with one group per input channel.
    /// </summary>
    public static FaceApiConvKernel Depthwise(FaceApiWeightMap weights, string name, int channels)
    {
        var shape = weights.Shape(name, 4);
        if (shape[2] != channels)
        {
            throw weights.Misshaped(name, shape, $"{channels} channels");
        }
        var (kh, kw, c, m) = ((int)shape[0], (int)shape[1], (int)shape[2], (int)shape[3]);
        var onnx = OnnxWeightLayout.DepthwiseToOihw(weights.Floats(name, shape), kh, kw, c, m);
        return new FaceApiConvKernel(onnx, c * m, 1, kh, kw, c);
    }

    /// <summary>The kernel with output channel o multiplied by scale[o]: folds a per-channel scale that follows the conv.</summary>
    public FaceApiConvKernel ScaleOutputChannels(ReadOnlySpan<double> scale)
    {
        if (scale.Length != OutChannels) throw new ArgumentException($"Expected {OutChannels} scales, got {scale.Length}.", nameof(scale));
        var perOutput = Weights.Length / OutChannels;
        var scaled = new float[Weights.Length];
        for (var i = 0; i < scaled.Length; i++) scaled[i] = (float)(Weights[i] * scale[i / perOutput]);
        return new FaceApiConvKernel(scaled, OutChannels, InChannelsPerGroup, KernelHeight, KernelWidth, Groups);
    }
}
