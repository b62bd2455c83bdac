namespace Likeness.Models.Conversion.Tfjs;

/// <summary>One decoded (de-quantised) weight from a TF.js weights manifest.</summary>
public sealed class TfjsWeight
{
    public TfjsWeight(string name, long[] shape, float[]? floats, int[]? ints)
    {
        Name = name;
        Shape = shape;
        Floats = floats;
        Ints = ints;
    }

    public string Name { get; }
    public long[] Shape { get; }

    /// <summary>Set for float32 weights (after de-quantisation), null for int32 ones.</summary>
    public float[]? Floats { get; }

    /// <summary>Set for int32 weights, null for float32 ones.</summary>
    public int[]? Ints { get; }

    public float[] RequireFloats() => Floats ?? throw new TfjsConversionException($"Weight '{Name}' is int32 where float32 was expected.");

    public int[] RequireInts() => Ints ?? throw new TfjsConversionException($"Weight '{Name}' is float32 where int32 was expected.");
}
