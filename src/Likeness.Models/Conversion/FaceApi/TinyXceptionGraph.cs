namespace Likeness.Models.Conversion.FaceApi;

/// <summary>
/// face-api's TinyXception (src/xception/TinyXception.ts), the trunk of AgeGenderNet: an entry conv, two
/// reduction blocks, <c>numMainBlocks</c> residual main blocks, an exit reduction block and a separable conv.
/// </summary>
/// <remarks>
/// Takes <c>input</c> float32 [batch, 112, 112, 3], NHWC RGB 0-255 (toBatchTensor(112, true) pads a
/// non-square crop to a centred square with zeros first), subtracts the mean RGB (122.782, 117.001,
/// 104.298) and divides by 255; returns [batch, 512, 7, 7] features.
/// </remarks>
internal static class TinyXceptionGraph
{
    public const int InputSize = 112;

    private static readonly float[] MeanRgb = [122.782f, 117.001f, 104.298f];

    public static FaceApiTensor Build(FaceApiLayers layers, int numMainBlocks)
    {
        var x = layers.Input(InputSize);
        x = layers.SubtractPerChannel(x, MeanRgb, "normalize/sub_mean");
        x = layers.WithScalar("Div", x, 255f, "normalize/div");

        var output = layers.Relu(Conv(layers, x, "entry_flow/conv_in", 2), "entry_flow/conv_in/relu");
        output = ReductionBlock(layers, output, "entry_flow/reduction_block_0", isActivateInput: false);
        output = ReductionBlock(layers, output, "entry_flow/reduction_block_1", isActivateInput: true);
        for (var idx = 0; idx < numMainBlocks; idx++)
        {
            output = MainBlock(layers, output, $"middle_flow/main_block_{idx}");
        }
        output = ReductionBlock(layers, output, "exit_flow/reduction_block", isActivateInput: true);
        output = layers.SeparableConv(output, "exit_flow/separable_conv", 1);
        return layers.Relu(output, "exit_flow/separable_conv/relu");
    }

    /// <summary>TinyXception.ts conv: conv2d ("same") + bias.</summary>
    private static FaceApiTensor Conv(FaceApiLayers layers, FaceApiTensor x, string prefix, int stride)
    {
        var kernel = FaceApiConvKernel.Conv(layers.Weights, $"{prefix}/filters", x.Channels);
        var bias = layers.Weights.Floats($"{prefix}/bias", kernel.OutChannels);
        return layers.Conv(x, kernel, bias, stride, TfPadding.Same, prefix);
    }

    /// <summary>
    /// reductionBlock: [relu], separable conv, relu, separable conv, 3x3/2 max pool ("same"), plus a strided
    /// 1x1 expansion conv of the block's (unactivated) input.
    /// </summary>
    private static FaceApiTensor ReductionBlock(FaceApiLayers layers, FaceApiTensor x, string prefix, bool isActivateInput)
    {
        var output = isActivateInput ? layers.Relu(x, $"{prefix}/relu_in") : x;
        output = layers.SeparableConv(output, $"{prefix}/separable_conv0", 1);
        output = layers.SeparableConv(layers.Relu(output, $"{prefix}/relu0"), $"{prefix}/separable_conv1", 1);
        output = layers.MaxPool(output, 3, 2, TfPadding.Same, $"{prefix}/max_pool");
        return layers.Add(output, Conv(layers, x, $"{prefix}/expansion_conv", 2), $"{prefix}/add");
    }

    /// <summary>mainBlock: three relu + separable conv steps, plus the block's input.</summary>
    private static FaceApiTensor MainBlock(FaceApiLayers layers, FaceApiTensor x, string prefix)
    {
        var output = layers.SeparableConv(layers.Relu(x, $"{prefix}/relu0"), $"{prefix}/separable_conv0", 1);
        output = layers.SeparableConv(layers.Relu(output, $"{prefix}/relu1"), $"{prefix}/separable_conv1", 1);
        output = layers.SeparableConv(layers.Relu(output, $"{prefix}/relu2"), $"{prefix}/separable_conv2", 1);
        return layers.Add(output, x, $"{prefix}/add");
    }
}
