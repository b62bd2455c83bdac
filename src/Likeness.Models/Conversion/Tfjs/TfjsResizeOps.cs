using Likeness.Models.Conversion.Onnx;

namespace Likeness.Models.Conversion.Tfjs;

/// <summary>
/// ResizeBilinear as ONNX Resize (linear) on NCHW, by scale factors: TF's half_pixel_centers is ONNX's
/// "half_pixel" and its legacy mode "asymmetric"; align_corners is not supported.
/// </summary>
/// <remarks>
/// A graph exported at a fixed size stores the output size as a constant (Keras's UpSampling2D becomes
/// "resize to 2·input"). With the input size opened that constant is wrong for any other size, so the
/// converter keeps the ratio instead: taken from the known input size, or, in an opened graph, from a
/// first pass over the same graph at its published size (<see cref="TfjsConversionContext.ResizeScales"/>).
/// </remarks>
internal static class TfjsResizeOps
{
    public static void ResizeBilinear(TfjsConversionContext context, TfjsNode node)
    {
        var x = context.Input(node, 0);
        if (x.Rank != 4) throw node.Error($"needs a rank-4 input, got [{TfjsShapes.Format(x.Shape)}]");
        if (node.Bool("align_corners", false)) throw node.Error("uses align_corners, which the converter does not support");
        var size = context.ConstantInts(node, 1);
        if (size.Length != 2) throw node.Error("needs a constant [height, width] size");

        (double H, double W) scale;
        if (x.Shape[1] > 0 && x.Shape[2] > 0)
        {
            scale = ((double)size[0] / x.Shape[1], (double)size[1] / x.Shape[2]);
            context.ResizeScales[node.Name] = scale;
        }
        else if (!context.ResizeScales.TryGetValue(node.Name, out scale))
        {
            throw node.Error("resizes an input of unknown size to a constant size; convert at the published size first to learn the ratio");
        }

        var y = context.Emit("Resize",
            [context.AsNchw(x), "", context.Builder.AddFloats(node.Name + "/scales", [1f, 1f, (float)scale.H, (float)scale.W], 4)],
            node.Name,
            OnnxAttribute.String("mode", "linear"),
            OnnxAttribute.String("coordinate_transformation_mode", node.Bool("half_pixel_centers", false) ? "half_pixel" : "asymmetric"));
        long Out(long input, double s) => input > 0 ? (long)Math.Floor(input * s) : -1;
        context.Define(node, TfjsValue.Runtime(y, [x.Shape[0], Out(x.Shape[1], scale.H), Out(x.Shape[2], scale.W), x.Shape[3]], isNchw: true));
    }
}
