using Likeness.Models.Conversion.Onnx;

namespace Likeness.Models.Conversion.Tfjs;

/// <summary>MatMul and _FusedMatMul on 2-D operands, emitted as ONNX Gemm (bias included) plus the fused activation.</summary>
internal static class TfjsMatMulOps
{
    public static void MatMul(TfjsConversionContext context, TfjsNode node) => Convert(context, node, fused: false);

    public static void FusedMatMul(TfjsConversionContext context, TfjsNode node) => Convert(context, node, fused: true);

    private static void Convert(TfjsConversionContext context, TfjsNode node, bool fused)
    {
        var a = context.Input(node, 0);
        var b = context.Input(node, 1);
        if (a.Rank != 2 || b.Rank != 2) throw node.Error($"multiplies [{TfjsShapes.Format(a.Shape)}] by [{TfjsShapes.Format(b.Shape)}]; only 2-D matrices are supported");
        var transposeA = node.Bool("transpose_a", false);
        var transposeB = node.Bool("transpose_b", false);
        var rows = transposeA ? a.Shape[1] : a.Shape[0];
        var columns = transposeB ? b.Shape[0] : b.Shape[1];
        var inputs = new List<string> { context.AsTfLayout(a), context.AsTfLayout(b) };

        var activation = "linear";
        TfjsValue? preluAlpha = null;
        if (fused)
        {
            (var bias, activation, preluAlpha) = TfjsConvolutionOps.FusedArguments(context, node, firstArgument: 2);
            if (bias is not null)
            {
                var values = bias.RequireFloats();
                if (columns >= 0 && values.Length != columns && values.Length != 1) throw node.Error($"has a bias of {values.Length} values for {columns} columns");
                inputs.Add(context.Builder.AddFloats(bias.Name, values, values.Length));
            }
        }
        var y = context.Emit("Gemm", inputs, node.Name,
            OnnxAttribute.Int("transA", transposeA ? 1 : 0),
            OnnxAttribute.Int("transB", transposeB ? 1 : 0));
        y = TfjsElementwiseOps.Activation(context, node, y, activation, preluAlpha, node.Float("leakyrelu_alpha", 0.2f), nchw: false);
        context.Define(node, TfjsValue.Runtime(y, [rows, columns]));
    }
}
