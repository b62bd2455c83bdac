namespace Likeness.Models.Conversion.FaceApi;

/// <summary>
/// face-api's FaceFeatureExtractor (src/faceFeatureExtractor/): four dense blocks and a 7x7 average pool,
/// the trunk that FaceLandmark68Net and FaceExpressionNet share (each with its own weights).
/// </summary>
/// <remarks>
/// Takes <c>input</c> float32 [batch, 112, 112, 3], NHWC RGB 0-255 (toBatchTensor(112, true) pads a
/// non-square crop to a centred square with zeros first), subtracts the mean RGB (122.782, 117.001,
/// 104.298) and divides by 255; returns the [batch, 256, 1, 1] bottleneck features.
/// </remarks>
internal static class FaceFeatureExtractorGraph
{
    public const int InputSize = 112;

    private static readonly float[] MeanRgb = [122.782f, 117.001f, 104.298f];

    public static FaceApiTensor Build(FaceApiLayers layers)
    {
        var x = layers.Input(InputSize);
        x = layers.SubtractPerChannel(x, MeanRgb, "normalize/sub_mean");
        x = layers.WithScalar("Div", x, 255f, "normalize/div");

        var output = DenseBlock4(layers, x, "dense0", isFirstLayer: true);
        output = DenseBlock4(layers, output, "dense1", isFirstLayer: false);
        output = DenseBlock4(layers, output, "dense2", isFirstLayer: false);
        output = DenseBlock4(layers, output, "dense3", isFirstLayer: false);
        return layers.AveragePool(output, 7, 2, TfPadding.Valid, "avg_pool");
    }

    /// <summary>
    /// denseBlock.ts denseBlock4 (isScaleDown = true): a strided first conv (plain conv2d in the first block,
    /// separable elsewhere), then three separable convs each fed the relu of the sum of all earlier outputs.
    /// The sums keep face-api's association order, out1 + (out2 + (out3 + out4)).
    /// </summary>
    private static FaceApiTensor DenseBlock4(FaceApiLayers layers, FaceApiTensor x, string prefix, bool isFirstLayer)
    {
        FaceApiTensor out1;
        if (isFirstLayer)
        {
            var kernel = FaceApiConvKernel.Conv(layers.Weights, $"{prefix}/conv0/filters", x.Channels);
            var bias = layers.Weights.Floats($"{prefix}/conv0/bias", kernel.OutChannels);
            out1 = layers.Conv(x, kernel, bias, 2, TfPadding.Same, $"{prefix}/conv0");
        }
        else
        {
            out1 = layers.SeparableConv(x, $"{prefix}/conv0", 2);
        }
        out1 = layers.Relu(out1, $"{prefix}/out1");
        var out2 = layers.SeparableConv(out1, $"{prefix}/conv1", 1);

        var in3 = layers.Relu(layers.Add(out1, out2, $"{prefix}/sum3"), $"{prefix}/in3");
        var out3 = layers.SeparableConv(in3, $"{prefix}/conv2", 1);

        var in4 = layers.Relu(layers.Add(out1, layers.Add(out2, out3, $"{prefix}/sum4_23"), $"{prefix}/sum4"), $"{prefix}/in4");
        var out4 = layers.SeparableConv(in4, $"{prefix}/conv3", 1);

        var sum = layers.Add(out1, layers.Add(out2, layers.Add(out3, out4, $"{prefix}/sum_34"), $"{prefix}/sum_234"), $"{prefix}/sum");
        return layers.Relu(sum, $"{prefix}/out");
    }
}
