using Likeness.Models.Conversion.Onnx;

namespace Likeness.Models.Conversion.Tfjs;

/// <summary>
/// Convolutions and pooling, emitted as NCHW ONNX Conv/MaxPool/AveragePool with explicit pads computed as
/// tfjs-core's conv_util.computeConv2DInfo does (SAME puts the odd pixel at the bottom/right). Where the
/// spatial size is only known at run time, SAME becomes auto_pad SAME_UPPER, which is the same rule.
/// </summary>
internal static class TfjsConvolutionOps
{
    public static void Conv2D(TfjsConversionContext context, TfjsNode node) => Convolution(context, node, depthwise: false, fused: false);

    public static void FusedConv2D(TfjsConversionContext context, TfjsNode node) => Convolution(context, node, depthwise: false, fused: true);

    public static void DepthwiseConv2D(TfjsConversionContext context, TfjsNode node) => Convolution(context, node, depthwise: true, fused: false);

    public static void FusedDepthwiseConv2D(TfjsConversionContext context, TfjsNode node) => Convolution(context, node, depthwise: true, fused: true);

    public static void MaxPool(TfjsConversionContext context, TfjsNode node) => Pool(context, node, "MaxPool");

    // tfjs-backend-cpu's avg pool divides by the number of in-bounds pixels: count_include_pad = 0.
    public static void AvgPool(TfjsConversionContext context, TfjsNode node) => Pool(context, node, "AveragePool", OnnxAttribute.Int("count_include_pad", 0));

    private static void Convolution(TfjsConversionContext context, TfjsNode node, bool depthwise, bool fused)
    {
        RequireNhwc(node);
        var x = context.Input(node, 0);
        if (x.Rank != 4) throw node.Error($"needs a rank-4 input, got [{TfjsShapes.Format(x.Shape)}]");
        var filter = context.ConstantInput(node, 1);
        if (filter.Shape.Length != 4) throw node.Error("needs a rank-4 filter");
        var (kh, kw, cin, last) = (filter.Shape[0], filter.Shape[1], filter.Shape[2], filter.Shape[3]);
        if (x.Shape[3] >= 0 && x.Shape[3] != cin) throw node.Error($"has {x.Shape[3]} input channels but a filter for {cin}");
        var outChannels = depthwise ? cin * last : last;
        var (sh, sw) = Pair(node.Ints("strides"), node, "strides");
        var dilations = node.Ints("dilations");
        var (dh, dw) = dilations.Length == 0 ? (1L, 1L) : Pair(dilations, node, "dilations");
        var (pads, outH, outW) = Padding(node, x.Shape[1], x.Shape[2], kh, kw, sh, sw, dh, dw, allowExplicit: true);

        var weights = depthwise
            ? OnnxWeightLayout.DepthwiseToOihw(filter.RequireFloats(), kh, kw, cin, last)
            : OnnxWeightLayout.HwioToOihw(filter.RequireFloats(), kh, kw, cin, last);
        var inputs = new List<string> { context.AsNchw(x), context.Builder.AddFloats(filter.Name, weights, outChannels, depthwise ? 1 : cin, kh, kw) };

        var activation = "linear";
        TfjsValue? preluAlpha = null;
        TfjsNode? absorbedAdd = null;
        if (fused)
        {
            (var bias, activation, preluAlpha) = FusedArguments(context, node, firstArgument: 2);
            if (bias is not null) inputs.Add(BiasInitializer(context, node, bias, outChannels));
        }
        else if (FoldableBiasAdd(context, node, outChannels) is { } fold)
        {
            inputs.Add(context.Builder.AddFloats(fold.Bias.Name, fold.Bias.RequireFloats(), outChannels));
            absorbedAdd = fold.Add;
        }

        var attributes = new List<OnnxAttribute>
        {
            OnnxAttribute.Ints("kernel_shape", kh, kw),
            OnnxAttribute.Ints("strides", sh, sw),
            OnnxAttribute.Ints("dilations", dh, dw),
            pads,
        };
        if (depthwise) attributes.Add(OnnxAttribute.Int("group", cin));
        var y = context.Emit("Conv", inputs, node.Name, [.. attributes]);
        y = TfjsElementwiseOps.Activation(context, node, y, activation, preluAlpha, node.Float("leakyrelu_alpha", 0.2f), nchw: true);

        var value = TfjsValue.Runtime(y, [x.Shape[0], outH, outW, outChannels], isNchw: true);
        context.Define(node, value);
        if (absorbedAdd is not null) context.Absorb(absorbedAdd, value);
    }

    /// <summary>
    /// Reads a fused op's extra arguments the way tfjs-converter's executors do: fused_ops is
    /// [extraOp, activation]; with BiasAdd, args are [bias, preluAlpha], without it args[0] is the alpha.
    /// </summary>
    public static (TfjsWeight? Bias, string Activation, TfjsValue? PreluAlpha) FusedArguments(TfjsConversionContext context, TfjsNode node, int firstArgument)
    {
        var fusedOps = node.Strings("fused_ops").Select(s => s.ToLowerInvariant()).ToArray();
        var extraOp = fusedOps.Length > 0 ? fusedOps[0] : "";
        var activation = fusedOps.Length > 1 ? fusedOps[1] : "linear";
        if (extraOp == "fusedbatchnorm") throw node.Error("fuses FusedBatchNorm, which TF.js does not support either");
        var numArgs = node.Int("num_args", node.Inputs.Count - firstArgument);
        TfjsValue? Argument(int i) => i < numArgs && firstArgument + i < node.Inputs.Count ? context.Input(node, firstArgument + i) : null;
        if (extraOp == "biasadd")
        {
            if (activation == "prelu" && numArgs != 2) throw node.Error("fuses BiasAdd and Prelu but does not have two arguments");
            if (activation != "prelu" && numArgs != 1) throw node.Error("fuses BiasAdd but does not have one argument");
            var bias = Argument(0)?.Constant ?? throw node.Error("needs a constant bias");
            return (bias, activation, Argument(1));
        }
        return (null, activation, Argument(0));
    }

    private static string BiasInitializer(TfjsConversionContext context, TfjsNode node, TfjsWeight bias, long channels)
    {
        var values = bias.RequireFloats();
        if (values.Length != channels) throw node.Error($"has a bias of {values.Length} values for {channels} channels");
        return context.Builder.AddFloats(bias.Name, values, channels);
    }

    // Conv2D (unfused) followed only by Add/AddV2/BiasAdd of a per-channel constant: the add becomes Conv's
    // bias (the Keras-exported faceres graphs have this shape after batch-norm folding).
    private static (TfjsNode Add, TfjsWeight Bias)? FoldableBiasAdd(TfjsConversionContext context, TfjsNode node, long channels)
    {
        if (context.IsOutput(node.Name)) return null;
        var consumers = context.Consumers(node.Name);
        if (consumers.Count != 1 || consumers[0].Op is not ("Add" or "AddV2" or "BiasAdd") || consumers[0].Inputs.Count != 2) return null;
        var add = consumers[0];
        var other = add.InputNode(0) == node.Name ? 1 : 0;
        if (add.InputNode(1 - other) != node.Name || add.InputNode(other) == node.Name) return null;
        var bias = context.ConstantOf(add.InputNode(other));
        if (bias?.Floats is not { } floats || floats.Length != channels || bias.Shape.Length == 0 || bias.Shape[^1] != channels) return null;
        return (add, bias);
    }

    private static void Pool(TfjsConversionContext context, TfjsNode node, string onnxOp, params OnnxAttribute[] extra)
    {
        RequireNhwc(node);
        var x = context.Input(node, 0);
        if (x.Rank != 4) throw node.Error($"needs a rank-4 input, got [{TfjsShapes.Format(x.Shape)}]");
        var ksize = node.Ints("ksize");
        if (ksize.Length != 4 || ksize[0] != 1 || ksize[3] != 1) throw node.Error("pools over batch or channels");
        var (sh, sw) = Pair(node.Ints("strides"), node, "strides");
        var (pads, outH, outW) = Padding(node, x.Shape[1], x.Shape[2], ksize[1], ksize[2], sh, sw, 1, 1, allowExplicit: false);
        var y = context.Emit(onnxOp, [context.AsNchw(x)], node.Name,
        [
            OnnxAttribute.Ints("kernel_shape", ksize[1], ksize[2]),
            OnnxAttribute.Ints("strides", sh, sw),
            pads,
            .. extra,
        ]);
        context.Define(node, TfjsValue.Runtime(y, [x.Shape[0], outH, outW, x.Shape[3]], isNchw: true));
    }

    /// <summary>ONNX pads [top, left, bottom, right] and the output size, per tfjs-core's conv_util.getPadAndOutInfo.</summary>
    /// <remarks>An unknown input size (-1) gives an unknown output size and, for SAME, auto_pad SAME_UPPER.</remarks>
    private static (OnnxAttribute Pads, long OutH, long OutW) Padding(
        TfjsNode node, long inH, long inW, long kh, long kw, long sh, long sw, long dh, long dw, bool allowExplicit)
    {
        var effH = (kh - 1) * dh + 1;
        var effW = (kw - 1) * dw + 1;
        var known = inH >= 0 && inW >= 0;
        long Out(long size, Func<long, long> of) => size < 0 ? -1 : of(size);
        var padding = node.String("padding", "VALID").ToUpperInvariant();
        switch (padding)
        {
            case "VALID":
                return (Pads(0, 0, 0, 0), Out(inH, h => CeilDiv(h - effH + 1, sh)), Out(inW, w => CeilDiv(w - effW + 1, sw)));
            case "SAME" when !known:
                return (OnnxAttribute.String("auto_pad", "SAME_UPPER"), Out(inH, h => CeilDiv(h, sh)), Out(inW, w => CeilDiv(w, sw)));
            case "SAME":
            {
                var outH = CeilDiv(inH, sh);
                var outW = CeilDiv(inW, sw);
                var padH = Math.Max(0, (outH - 1) * sh + effH - inH);
                var padW = Math.Max(0, (outW - 1) * sw + effW - inW);
                return (Pads(padH / 2, padW / 2, padH - padH / 2, padW - padW / 2), outH, outW);
            }
            case "EXPLICIT" when allowExplicit:
            {
                var e = node.Ints("explicit_paddings");
                if (e.Length != 8 || e[0] != 0 || e[1] != 0 || e[6] != 0 || e[7] != 0) throw node.Error("has explicit paddings outside H and W");
                return (Pads(e[2], e[4], e[3], e[5]), Out(inH, h => (h + e[2] + e[3] - effH) / sh + 1), Out(inW, w => (w + e[4] + e[5] - effW) / sw + 1));
            }
            default:
                throw node.Error($"uses padding '{padding}', which the converter does not support here");
        }
    }

    private static OnnxAttribute Pads(long top, long left, long bottom, long right) => OnnxAttribute.Ints("pads", top, left, bottom, right);

    private static long CeilDiv(long a, long b) => (a + b - 1) / b;

    private static (long, long) Pair(long[] nhwc, TfjsNode node, string name)
    {
        if (nhwc.Length != 4 || nhwc[0] != 1 || nhwc[3] != 1) throw node.Error($"has {name} [{TfjsShapes.Format(nhwc)}]; only spatial ones are supported");
        return (nhwc[1], nhwc[2]);
    }

    private static void RequireNhwc(TfjsNode node)
    {
        var format = node.String("data_format", "NHWC");
        if (format != "NHWC") throw node.Error($"uses data_format {format}; TF.js graph models are NHWC");
    }
}
