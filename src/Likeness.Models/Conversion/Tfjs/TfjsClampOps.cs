namespace Likeness.Models.Conversion.Tfjs;

/// <summary>
/// Relu, Relu6, and Maximum/Minimum against a scalar constant, all clamps to a range. A chain of them becomes
/// one ONNX Clip (or Relu): Keras's ReLU(max_value=6) exports as Relu → Minimum(6) → Maximum(0), which would
/// otherwise cost three passes over every activation map of faceres.
/// </summary>
/// <remarks>
/// clamp(clamp(x, a1, b1), a2, b2) = clamp(x, clamp(a1, a2, b2), clamp(b1, a2, b2)) for a1 ≤ b1, since clamping is
/// monotonic; only NaN handling could differ, and these models produce none.
/// </remarks>
internal static class TfjsClampOps
{
    public static IEnumerable<string> OpNames => ["Relu", "Relu6", "Maximum", "Minimum"];

    public static void Convert(TfjsConversionContext context, TfjsNode node)
    {
        if (Range(context, node) is not var (inputIndex, low, high))
        {
            TfjsElementwiseOps.Binary(context, node); // Maximum/Minimum of two tensors
            return;
        }
        TfjsValue source;
        if (context.TryGetDeferredClamp(node.InputNode(inputIndex), out var earlier))
        {
            source = earlier.Source;
            (low, high) = (Clamp(earlier.Low, low, high), Clamp(earlier.High, low, high));
        }
        else
        {
            source = context.Input(node, inputIndex);
        }
        if (source.IsConstant) throw node.Error("clamps a constant; constant folding is not implemented for it");

        var consumers = context.Consumers(node.Name);
        if (!context.IsOutput(node.Name) && consumers.Count == 1 && Range(context, consumers[0]) is { } next && consumers[0].InputNode(next.Input) == node.Name)
        {
            context.DeferClamp(node, source, low, high);
            return;
        }

        var x = source.OnnxName!;
        var y = low == 0 && float.IsPositiveInfinity(high)
            ? context.Emit("Relu", [x], node.Name)
            : context.Emit("Clip",
                [x,
                 float.IsNegativeInfinity(low) ? "" : context.Scalar(node.Name + "/min", low),
                 float.IsPositiveInfinity(high) ? "" : context.Scalar(node.Name + "/max", high)],
                node.Name);
        context.Define(node, TfjsValue.Runtime(y, source.Shape, source.IsNchw));
    }

    // The clamp a node applies and which input it clamps; null when the node is not a clamp (Maximum of two
    // tensors, or a scalar that would broadcast the other operand to a bigger shape).
    private static (int Input, float Low, float High)? Range(TfjsConversionContext context, TfjsNode node)
    {
        switch (node.Op)
        {
            case "Relu": return (0, 0f, float.PositiveInfinity);
            case "Relu6": return (0, 0f, 6f);
            case "Maximum" or "Minimum" when node.Inputs.Count == 2:
                for (var c = 0; c < 2; c++)
                {
                    var constant = context.ConstantOf(node.InputNode(c));
                    if (constant?.Floats is not { Length: 1 } values || constant.Shape.Length > 0) continue;
                    if (context.ConstantOf(node.InputNode(1 - c)) is not null) return null;
                    return node.Op == "Maximum" ? (1 - c, values[0], float.PositiveInfinity) : (1 - c, float.NegativeInfinity, values[0]);
                }
                return null;
            default: return null;
        }
    }

    private static float Clamp(float v, float low, float high) => Math.Min(Math.Max(v, low), high);
}
