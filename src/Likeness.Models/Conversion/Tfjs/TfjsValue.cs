namespace Likeness.Models.Conversion.Tfjs;

/// <summary>
/// What one TF.js node produces during conversion: a constant (kept in C# until an ONNX node needs it,
/// so parameters such as shapes and axes are read directly) or a run-time ONNX value.
/// </summary>
/// <remarks>
/// <see cref="Shape"/> is always TF.js's logical (NHWC) shape with -1 for unknown sizes. A rank-4 run-time
/// value may be stored as NCHW (<see cref="IsNchw"/>): convolutions produce NCHW and layout-agnostic ops
/// keep it, so a chain of convolutions needs one transpose in and one out instead of one per op.
/// </remarks>
internal sealed class TfjsValue
{
    private TfjsValue(string? onnxName, long[] shape, bool isNchw, TfjsWeight? constant)
    {
        OnnxName = onnxName;
        Shape = shape;
        IsNchw = isNchw;
        Constant = constant;
    }

    /// <summary>The ONNX value name of a run-time value; null for a constant.</summary>
    public string? OnnxName { get; }

    public long[] Shape { get; }

    public bool IsNchw { get; }

    public TfjsWeight? Constant { get; }

    public bool IsConstant => Constant is not null;

    public int Rank => Shape.Length;

    public static TfjsValue Runtime(string onnxName, long[] shape, bool isNchw = false)
    {
        if (isNchw && shape.Length != 4) throw new ArgumentException($"Only rank-4 values can be NCHW; '{onnxName}' has rank {shape.Length}.");
        return new TfjsValue(onnxName, shape, isNchw, null);
    }

    public static TfjsValue Const(TfjsWeight weight) => new(null, weight.Shape, false, weight);
}
