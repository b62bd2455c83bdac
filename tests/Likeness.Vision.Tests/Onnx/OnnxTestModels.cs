using Likeness.Models.Conversion.Onnx;

namespace Likeness.Vision.Tests.Onnx;

/// <summary>Tiny ONNX models built with the project's own writer, so the binding tests need no downloads.</summary>
internal static class OnnxTestModels
{
    /// <summary>W in y = x·W + b: rows are the 3 inputs, columns the 2 outputs.</summary>
    public static readonly float[] AffineWeights = [1, 2, 3, 4, 5, 6];

    public static readonly float[] AffineBias = [0.5f, -1];

    /// <summary>y[batch,2] = MatMul(x[batch,3], W[3,2]) + b[2], with a dynamic batch dimension.</summary>
    public static byte[] Affine()
    {
        var g = new OnnxGraphBuilder("affine");
        var x = g.AddInput("x", OnnxElementType.Float, OnnxDim.Symbolic("batch"), OnnxDim.Fixed(3));
        var w = g.AddFloats("W", AffineWeights, 3, 2);
        var b = g.AddFloats("b", AffineBias, 2);
        var product = g.AddNode("MatMul", [x, w], "xw");
        var y = g.AddNode("Add", [product, b], "y");
        g.AddOutput(y, OnnxElementType.Float, [OnnxDim.Symbolic("batch"), OnnxDim.Fixed(2)]);
        return g.ToModelBytes("likeness-tests", "1");
    }

    /// <summary>The affine model's answer, computed in C# for comparison.</summary>
    public static float[] AffineExpected(float[] x)
    {
        var rows = x.Length / 3;
        var y = new float[rows * 2];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < 2; c++)
            {
                var sum = AffineBias[c];
                for (var k = 0; k < 3; k++) sum += x[r * 3 + k] * AffineWeights[k * 2 + c];
                y[r * 2 + c] = sum;
            }
        }
        return y;
    }

    /// <summary>
    /// Three inputs and three outputs of different types, so metadata and output order are checked:
    /// doubled = features * 2 (float [batch,4]); next = counts + 1 (int64 [batch]); shifted = offsets + 10 (int32 [3]).
    /// </summary>
    public static byte[] Mixed()
    {
        var g = new OnnxGraphBuilder("mixed");
        var features = g.AddInput("features", OnnxElementType.Float, OnnxDim.Symbolic("batch"), OnnxDim.Fixed(4));
        var counts = g.AddInput("counts", OnnxElementType.Int64, OnnxDim.Symbolic("batch"));
        var offsets = g.AddInput("offsets", OnnxElementType.Int32, OnnxDim.Fixed(3));
        var two = g.AddFloats("two", [2f]);
        var one = g.AddInt64s("one", [1L]);
        var ten = g.AddInitializer(OnnxTensorData.Int32s("ten", [10]));
        g.AddOutput(g.AddNode("Mul", [features, two], "doubled"), OnnxElementType.Float, [OnnxDim.Symbolic("batch"), OnnxDim.Fixed(4)]);
        g.AddOutput(g.AddNode("Add", [counts, one], "next"), OnnxElementType.Int64, [OnnxDim.Symbolic("batch")]);
        g.AddOutput(g.AddNode("Add", [offsets, ten], "shifted"), OnnxElementType.Int32, [OnnxDim.Fixed(3)]);
        return g.ToModelBytes("likeness-tests", "1");
    }
}
