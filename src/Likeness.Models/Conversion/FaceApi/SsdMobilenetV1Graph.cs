using Likeness.Models.Conversion.Onnx;

namespace Likeness.Models.Conversion.FaceApi;

/// <summary>
/// face-api's SsdMobilenetv1 face detector (src/ssdMobilenetv1/): MobileNet v1 features, the SSD
/// prediction layer and the box decoding of outputLayer.ts, emitted layer for layer.
/// </summary>
/// <remarks>
/// Input contract: <c>input</c> float32 [batch, 512, 512, 3], NHWC, RGB pixel values 0-255 of the image
/// resized to 512x512. face-api's toBatchTensor(512, false) first pads the image to a square with zeros
/// at the bottom or right (not centred), so box coordinates are fractions of that padded square. The graph
/// maps pixels to -1..1 (x / 127.5 - 1) itself (SsdMobilenetv1.forwardInput).
/// Outputs, for the 5118 anchors (32x32x3 + 16x16x6 + 8x8x6 + 4x4x6 + 2x2x6 + 1x1x6), before any
/// score threshold or non-maximum suppression (face-api then runs NMS with IoU 0.5, default minConfidence 0.5):
/// <c>boxes</c> float32 [batch, 5118, 4], decoded boxes as (ymin, xmin, ymax, xmax) in 0-1 of the input
/// (not clipped; face-api clips to 0-1 after NMS);
/// <c>scores</c> float32 [batch, 5118], the face-class probability (sigmoid of the class logit).
/// </remarks>
internal static class SsdMobilenetV1Graph
{
    public const int InputSize = 512;
    public const string Architecture = "src/ssdMobilenetv1/SsdMobilenetv1.ts";

    /// <summary>mobileNetV1.ts's batch-norm epsilon (the float32 nearest 0.001, as written there).</summary>
    private const double BatchNormEpsilon = 0.0010000000474974513;

    public static void Build(FaceApiLayers layers)
    {
        var x = layers.Input(InputSize);
        x = layers.WithScalar("Div", x, 127.5f, "normalize/div");
        x = layers.WithScalar("Sub", x, 1f, "normalize/sub");

        // mobileNetV1.ts
        var output = PointwiseConvLayer(layers, x, "MobilenetV1", 0, stride: 2);
        var conv11 = output;
        for (var layerIdx = 1; layerIdx <= 13; layerIdx++)
        {
            // getStridesForLayerIdx: the depthwise convs of layers 2, 4, 6 and 12 halve the resolution.
            var stride = layerIdx is 2 or 4 or 6 or 12 ? 2 : 1;
            output = DepthwiseConvLayer(layers, output, layerIdx, stride);
            output = PointwiseConvLayer(layers, output, "MobilenetV1", layerIdx, stride: 1);
            if (layerIdx == 11) conv11 = output;
        }

        // predictionLayer.ts
        var conv0 = PointwiseConvLayer(layers, output, "Prediction", 0, 1);
        var conv1 = PointwiseConvLayer(layers, conv0, "Prediction", 1, 2);
        var conv2 = PointwiseConvLayer(layers, conv1, "Prediction", 2, 1);
        var conv3 = PointwiseConvLayer(layers, conv2, "Prediction", 3, 2);
        var conv4 = PointwiseConvLayer(layers, conv3, "Prediction", 4, 1);
        var conv5 = PointwiseConvLayer(layers, conv4, "Prediction", 5, 2);
        var conv6 = PointwiseConvLayer(layers, conv5, "Prediction", 6, 1);
        var conv7 = PointwiseConvLayer(layers, conv6, "Prediction", 7, 2);

        FaceApiTensor[] sources = [conv11, output, conv1, conv3, conv5, conv7];
        var boxEncodings = new List<string>();
        var classPredictions = new List<string>();
        var anchors = 0L;
        for (var i = 0; i < sources.Length; i++)
        {
            var (encoding, classes, count) = BoxPredictionLayer(layers, sources[i], i);
            boxEncodings.Add(encoding);
            classPredictions.Add(classes);
            anchors += count;
        }
        var graph = layers.Graph;
        var boxPredictions = graph.AddNode("Concat", boxEncodings, "box_predictions", OnnxAttribute.Int("axis", 1));
        var classScores = graph.AddNode("Concat", classPredictions, "class_predictions", OnnxAttribute.Int("axis", 1));

        OutputLayer(layers, boxPredictions, classScores, anchors);
    }

    /// <summary>pointwiseConvLayer.ts: conv2d ("same") + batch_norm_offset, clipped to 0-6 (ReLU6).</summary>
    private static FaceApiTensor PointwiseConvLayer(FaceApiLayers layers, FaceApiTensor x, string scope, int idx, int stride)
    {
        var prefix = $"{scope}/Conv2d_{idx}_pointwise";
        var kernel = FaceApiConvKernel.Conv(layers.Weights, $"{prefix}/weights", x.Channels);
        var offset = layers.Weights.Floats($"{prefix}/convolution_bn_offset", kernel.OutChannels);
        var output = layers.Conv(x, kernel, offset, stride, TfPadding.Same, prefix);
        return layers.Clip(output, 0f, 6f, prefix + "/relu6");
    }

    /// <summary>
    /// mobileNetV1.ts depthwiseConvLayer: depthwiseConv2d ("same"), batchNorm, ReLU6. The batch norm is
    /// folded into the conv: scale = gamma / sqrt(variance + epsilon), bias = beta - mean * scale.
    /// </summary>
    private static FaceApiTensor DepthwiseConvLayer(FaceApiLayers layers, FaceApiTensor x, int idx, int stride)
    {
        var prefix = $"MobilenetV1/Conv2d_{idx}_depthwise";
        var weights = layers.Weights;
        var kernel = FaceApiConvKernel.Depthwise(weights, $"{prefix}/depthwise_weights", x.Channels);
        var n = kernel.OutChannels;
        var gamma = weights.Floats($"{prefix}/BatchNorm/gamma", n);
        var beta = weights.Floats($"{prefix}/BatchNorm/beta", n);
        var mean = weights.Floats($"{prefix}/BatchNorm/moving_mean", n);
        var variance = weights.Floats($"{prefix}/BatchNorm/moving_variance", n);
        var scale = new double[n];
        var bias = new float[n];
        for (var c = 0; c < n; c++)
        {
            scale[c] = gamma[c] / Math.Sqrt(variance[c] + BatchNormEpsilon);
            bias[c] = (float)(beta[c] - mean[c] * scale[c]);
        }
        var output = layers.Conv(x, kernel.ScaleOutputChannels(scale), bias, stride, TfPadding.Same, prefix);
        return layers.Clip(output, 0f, 6f, prefix + "/relu6");
    }

    /// <summary>
    /// boxPredictionLayer.ts: two 1x1 convs with bias, reshaped from NHWC to [batch, anchors, 4] box
    /// encodings and [batch, anchors, 3] class logits. The reshape flattens in NHWC order, so each
    /// branch is transposed back to NHWC first: these are the graph's only transposes after the input.
    /// </summary>
    private static (string Encoding, string Classes, long Anchors) BoxPredictionLayer(FaceApiLayers layers, FaceApiTensor x, int idx)
    {
        var prefix = $"Prediction/BoxPredictor_{idx}";
        var encoding = PredictorConv(layers, x, $"{prefix}/BoxEncodingPredictor", 4);
        var classes = PredictorConv(layers, x, $"{prefix}/ClassPredictor", 3);
        var anchors = (long)x.Height * x.Width * (encoding.Channels / 4);
        if (classes.Channels / 3 != encoding.Channels / 4)
        {
            throw layers.Weights.Misshaped($"{prefix}/ClassPredictor/weights", [1, 1, x.Channels, classes.Channels], $"3 x {encoding.Channels / 4} outputs");
        }
        return (ToAnchorRows(layers, encoding, 4, prefix + "/box_encodings"), ToAnchorRows(layers, classes, 3, prefix + "/class_predictions"), anchors);
    }

    private static FaceApiTensor PredictorConv(FaceApiLayers layers, FaceApiTensor x, string prefix, int valuesPerAnchor)
    {
        var kernel = FaceApiConvKernel.Conv(layers.Weights, $"{prefix}/weights", x.Channels);
        if (kernel.OutChannels % valuesPerAnchor != 0)
        {
            throw layers.Weights.Misshaped($"{prefix}/weights", [kernel.KernelHeight, kernel.KernelWidth, x.Channels, kernel.OutChannels], $"a multiple of {valuesPerAnchor} outputs");
        }
        var bias = layers.Weights.Floats($"{prefix}/biases", kernel.OutChannels);
        return layers.Conv(x, kernel, bias, 1, TfPadding.Same, prefix);
    }

    private static string ToAnchorRows(FaceApiLayers layers, FaceApiTensor x, int valuesPerAnchor, string hint)
    {
        var graph = layers.Graph;
        var nhwc = graph.AddNode("Transpose", [x.Name], hint + "/nhwc", OnnxAttribute.Ints("perm", 0, 2, 3, 1));
        return graph.AddNode("Reshape", [nhwc, layers.Int64s(hint + "/shape", [0, -1, valuesPerAnchor])], hint);
    }

    /// <summary>
    /// outputLayer.ts: decodes the box encodings against the anchors (Output/extra_dim, as ymin, xmin,
    /// ymax, xmax) with scale factors 10 (centres) and 5 (sizes), and keeps sigmoid(class logit 1), the face
    /// class, as the score. Anchor sizes and centres are computed here in float32, in face-api's order of
    /// operations, so they equal what TF.js computes at run time.
    /// </summary>
    private static void OutputLayer(FaceApiLayers layers, string boxPredictions, string classPredictions, long anchors)
    {
        var graph = layers.Graph;
        var extraDim = layers.Weights.Floats("Output/extra_dim", 1, anchors, 4);
        var sizes = new float[anchors * 2];
        var centers = new float[anchors * 2];
        for (var i = 0; i < anchors; i++)
        {
            var (a0, a1, a2, a3) = (extraDim[i * 4], extraDim[i * 4 + 1], extraDim[i * 4 + 2], extraDim[i * 4 + 3]);
            sizes[i * 2] = a2 - a0;
            sizes[i * 2 + 1] = a3 - a1;
            centers[i * 2] = a0 + sizes[i * 2] / 2f;
            centers[i * 2 + 1] = a1 + sizes[i * 2 + 1] / 2f;
        }
        var anchorSizes = graph.AddFloats("anchor_sizes", sizes, anchors, 2);
        var anchorCenters = graph.AddFloats("anchor_centers", centers, anchors, 2);

        var axis2 = layers.Int64s("slice/axis2", [2]);
        var centerEncoding = graph.AddNode("Slice", [boxPredictions, layers.Int64s("slice/0", [0]), layers.Int64s("slice/2", [2]), axis2], "box_center_encoding");
        var sizeEncoding = graph.AddNode("Slice", [boxPredictions, layers.Int64s("slice/2", [2]), layers.Int64s("slice/4", [4]), axis2], "box_size_encoding");

        // add0_out/add1_out = encoding / 10 * size + center; div0_out/div1_out = exp(encoding / 5) * size / 2.
        var center = graph.AddNode("Div", [centerEncoding, layers.Scalar(10f)], "box_center/div");
        center = graph.AddNode("Mul", [center, anchorSizes], "box_center/mul");
        center = graph.AddNode("Add", [center, anchorCenters], "box_center");
        var half = graph.AddNode("Div", [sizeEncoding, layers.Scalar(5f)], "box_half_size/div");
        half = graph.AddNode("Exp", [half], "box_half_size/exp");
        half = graph.AddNode("Mul", [half, anchorSizes], "box_half_size/mul");
        half = graph.AddNode("Div", [half, layers.Scalar(2f)], "box_half_size");
        var min = graph.AddNode("Sub", [center, half], "box_min");
        var max = graph.AddNode("Add", [center, half], "box_max");
        var boxes = graph.AddNode("Concat", [min, max], "boxes", OnnxAttribute.Int("axis", 2));

        var faceLogit = graph.AddNode("Slice", [classPredictions, layers.Int64s("slice/1", [1]), layers.Int64s("slice/2", [2]), axis2], "face_logit");
        var faceScore = graph.AddNode("Sigmoid", [faceLogit], "face_score");
        var scores = graph.AddNode("Reshape", [faceScore, layers.Int64s("scores/shape", [0, -1])], "scores");

        graph.AddOutput(boxes, OnnxElementType.Float, [OnnxDim.Symbolic("batch"), OnnxDim.Fixed(anchors), OnnxDim.Fixed(4)]);
        graph.AddOutput(scores, OnnxElementType.Float, [OnnxDim.Symbolic("batch"), OnnxDim.Fixed(anchors)]);
    }
}
