using Likeness.Models.Conversion.Onnx;

namespace Likeness.Models.Conversion.Tfjs;

/// <summary>Reductions over axes (Mean, Sum, Max, Min, Prod) and Softmax, run on NCHW data directly where the axes allow.</summary>
internal static class TfjsReductionOps
{
    private static readonly Dictionary<string, string> ReduceOps = new(StringComparer.Ordinal)
    {
        ["Mean"] = "ReduceMean",
        ["Sum"] = "ReduceSum",
        ["Max"] = "ReduceMax",
        ["Min"] = "ReduceMin",
        ["Prod"] = "ReduceProd",
    };

    public static IEnumerable<string> ReduceOpNames => ReduceOps.Keys;

    public static void Reduce(TfjsConversionContext context, TfjsNode node)
    {
        var x = context.Input(node, 0);
        if (x.IsConstant) throw node.Error("reduces a constant; constant folding is not implemented for it");
        var axes = TfjsShapes.Axes(context.ConstantInts(node, 1), x.Rank, node);
        var keepDims = node.Bool("keep_dims", false);
        if (axes.Length == 0)
        {
            // TF reduces nothing for an empty axis list; ONNX would reduce everything.
            context.Define(node, x);
            return;
        }
        var shape = x.Shape.Select((d, i) => axes.Contains(i) ? 1 : d).Where((_, i) => keepDims || !axes.Contains(i)).ToArray();
        var nchw = x.IsNchw && (keepDims || TfjsShapes.KeptAxesStayInOrder(axes));
        var input = nchw ? x.OnnxName! : context.AsTfLayout(x);
        var onnxAxes = (nchw ? axes.Select(a => (long)TfjsConversionContext.NchwAxisOf[a]) : axes.Select(a => (long)a)).Order().ToArray();

        // Opset 17: ReduceSum takes its axes as an input (since 13), the others still as an attribute (until 18).
        var keep = OnnxAttribute.Int("keepdims", keepDims ? 1 : 0);
        var y = node.Op == "Sum"
            ? context.Emit("ReduceSum", [input, context.Int64s(node.Name + "/axes", onnxAxes)], node.Name, keep)
            : context.Emit(ReduceOps[node.Op], [input], node.Name, OnnxAttribute.Ints("axes", onnxAxes), keep);
        context.Define(node, TfjsValue.Runtime(y, shape, nchw && keepDims));
    }

    /// <summary>tf.softmax normalises over the last axis, which is channels (axis 1) in NCHW.</summary>
    public static void Softmax(TfjsConversionContext context, TfjsNode node)
    {
        var x = context.Input(node, 0);
        if (x.IsConstant) throw node.Error("has a constant input; constant folding is not implemented for it");
        var y = context.Emit("Softmax", [x.OnnxName!], node.Name, OnnxAttribute.Int("axis", x.IsNchw ? 1 : -1));
        context.Define(node, TfjsValue.Runtime(y, x.Shape, x.IsNchw));
    }
}
