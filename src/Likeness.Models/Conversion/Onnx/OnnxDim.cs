namespace Likeness.Models.Conversion.Onnx;

/// <summary>One dimension of a graph input or output: a fixed size, or a named symbolic size such as "batch".</summary>
public readonly record struct OnnxDim(long? Size, string? Symbol)
{
    public static OnnxDim Fixed(long size) => new(size, null);

    public static OnnxDim Symbolic(string name) => new(null, name);

    /// <summary>TF.js writes -1 for an unknown size; it becomes a symbolic dimension.</summary>
    public static OnnxDim FromTfjs(long size, string symbol) => size < 0 ? Symbolic(symbol) : Fixed(size);

    public override string ToString() => Size?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Symbol ?? "?";
}
