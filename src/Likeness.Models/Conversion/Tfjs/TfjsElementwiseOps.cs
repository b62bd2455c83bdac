using Likeness.Models.Conversion.Onnx;

namespace Likeness.Models.Conversion.Tfjs;

/// <summary>Element-wise ops and activations. They work in whatever layout their inputs arrive in, so NCHW chains stay NCHW.</summary>
internal static class TfjsElementwiseOps
{
    private static readonly Dictionary<string, string> BinaryOps = new(StringComparer.Ordinal)
    {
        ["Add"] = "Add",
        ["AddV2"] = "Add",
        ["BiasAdd"] = "Add",
        ["Sub"] = "Sub",
        ["Mul"] = "Mul",
        ["RealDiv"] = "Div",
        ["Div"] = "Div",
        ["Maximum"] = "Max",
        ["Minimum"] = "Min",
        ["Pow"] = "Pow",
        ["Prelu"] = "PRelu",
    };

    private static readonly Dictionary<string, string> UnaryOps = new(StringComparer.Ordinal)
    {
        ["Sigmoid"] = "Sigmoid",
        ["Tanh"] = "Tanh",
        ["Abs"] = "Abs",
        ["Neg"] = "Neg",
        ["Exp"] = "Exp",
        ["Log"] = "Log",
        ["Sqrt"] = "Sqrt",
        ["Reciprocal"] = "Reciprocal",
        ["Floor"] = "Floor",
        ["Ceil"] = "Ceil",
    };

    public static IEnumerable<string> BinaryOpNames => BinaryOps.Keys;

    public static IEnumerable<string> UnaryOpNames => UnaryOps.Keys.Concat(["Rsqrt", "Square", "Elu", "Selu", "LeakyRelu"]);

    public static void Binary(TfjsConversionContext context, TfjsNode node)
    {
        var a = context.Input(node, 0);
        var b = context.Input(node, 1);
        if (node.Op == "BiasAdd" && node.String("data_format", "NHWC") != "NHWC") throw node.Error("uses data_format NCHW");
        if (a.IsConstant && b.IsConstant) throw node.Error("has only constant inputs; constant folding is not implemented for it");
        var shape = TfjsShapes.Broadcast(a.Shape, b.Shape);
        var nchw = UsesNchw(shape, a, b);

        var output = context.Emit(BinaryOps[node.Op], [Operand(context, a, nchw), Operand(context, b, nchw)], node.Name);
        context.Define(node, TfjsValue.Runtime(output, shape, nchw));
    }

    public static void Unary(TfjsConversionContext context, TfjsNode node)
    {
        var x = context.Input(node, 0);
        if (x.IsConstant) throw node.Error("has a constant input; constant folding is not implemented for it");
        var input = x.OnnxName!;
        var output = node.Op switch
        {
            "Rsqrt" => context.Emit("Reciprocal", [context.Emit("Sqrt", [input], node.Name + "/sqrt")], node.Name),
            "Square" => context.Emit("Mul", [input, input], node.Name),
            "Elu" => Activation(context, node, input, "elu", null, 0, x.IsNchw),
            // tf.selu's constants are ONNX Selu's defaults.
            "Selu" => context.Emit("Selu", [input], node.Name),
            "LeakyRelu" => Activation(context, node, input, "leakyrelu", null, node.Float("alpha", 0.2f), x.IsNchw),
            _ => context.Emit(UnaryOps[node.Op], [input], node.Name),
        };
        context.Define(node, TfjsValue.Runtime(output, x.Shape, x.IsNchw));
    }

    /// <summary>
    /// Applies a fused activation the way tfjs-core's fused_util.applyActivation does; the names are TF.js's
    /// lowercased fused_ops entries.
    /// </summary>
    public static string Activation(TfjsConversionContext context, TfjsNode node, string x, string activation, TfjsValue? preluAlpha, float leakyAlpha, bool nchw) =>
        activation switch
        {
            "" or "linear" => x,
            "relu" => context.Emit("Relu", [x], node.Name + "/relu"),
            "relu6" => context.Emit("Clip", [x, context.Scalar(node.Name + "/min", 0f), context.Scalar(node.Name + "/max", 6f)], node.Name + "/relu6"),
            "elu" => context.Emit("Elu", [x], node.Name + "/elu", OnnxAttribute.Float("alpha", 1f)),
            "sigmoid" => context.Emit("Sigmoid", [x], node.Name + "/sigmoid"),
            "leakyrelu" => context.Emit("LeakyRelu", [x], node.Name + "/leakyrelu", OnnxAttribute.Float("alpha", leakyAlpha)),
            "prelu" => context.Emit("PRelu", [x, PreluSlope(context, node, preluAlpha, nchw)], node.Name + "/prelu"),
            _ => throw node.Error($"uses fused activation '{activation}', which the converter does not support"),
        };

    private static string PreluSlope(TfjsConversionContext context, TfjsNode node, TfjsValue? alpha, bool nchw)
    {
        if (alpha is null || !alpha.IsConstant) throw node.Error("needs a constant PReLU alpha");
        return nchw ? context.AsBroadcastNchw(alpha) : context.AsTfLayout(alpha);
    }

    // NCHW when the result is rank 4, some run-time operand is already NCHW, and every run-time operand is
    // rank 4 (constants are re-broadcast); otherwise everything goes back to TF's layout.
    public static bool UsesNchw(long[] shape, params TfjsValue[] operands) =>
        shape.Length == 4
        && operands.Any(o => o.IsNchw)
        && operands.All(o => o.IsConstant ? o.Rank <= 4 : o.Rank == 4);

    public static string Operand(TfjsConversionContext context, TfjsValue value, bool nchw) =>
        value.IsConstant
            ? (nchw ? context.AsBroadcastNchw(value) : context.AsTfLayout(value))
            : (nchw ? context.AsNchw(value) : context.AsTfLayout(value));

}
