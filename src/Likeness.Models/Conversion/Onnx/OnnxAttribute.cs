namespace Likeness.Models.Conversion.Onnx;

/// <summary>A node attribute (AttributeProto) of one of the kinds the converters emit.</summary>
public sealed class OnnxAttribute
{
    private OnnxAttribute(string name, int type)
    {
        Name = name;
        Type = type;
    }

    public string Name { get; }

    /// <summary>AttributeProto.AttributeType: 1 float, 2 int, 3 string, 4 tensor, 6 floats, 7 ints.</summary>
    internal int Type { get; }

    internal float FloatValue { get; private init; }
    internal long IntValue { get; private init; }
    internal string? StringValue { get; private init; }
    internal OnnxTensorData? TensorValue { get; private init; }
    internal float[] FloatsValue { get; private init; } = [];
    internal long[] IntsValue { get; private init; } = [];

    public static OnnxAttribute Float(string name, float value) => new(name, 1) { FloatValue = value };

    public static OnnxAttribute Int(string name, long value) => new(name, 2) { IntValue = value };

    public static OnnxAttribute String(string name, string value) => new(name, 3) { StringValue = value };

    public static OnnxAttribute Tensor(string name, OnnxTensorData value) => new(name, 4) { TensorValue = value };

    public static OnnxAttribute Floats(string name, params float[] values) => new(name, 6) { FloatsValue = values };

    public static OnnxAttribute Ints(string name, params long[] values) => new(name, 7) { IntsValue = values };

    internal void WriteTo(ProtobufWriter w)
    {
        w.WriteString(1, Name);
        w.WriteVarint(20, Type);
        switch (Type)
        {
            case 1: w.WriteFixed32Float(2, FloatValue); break;
            case 2: w.WriteVarint(3, IntValue); break;
            case 3: w.WriteString(4, StringValue!); break;
            case 4: w.WriteMessage(5, TensorValue!.WriteTo); break;
            case 6: foreach (var f in FloatsValue) w.WriteFixed32Float(7, f); break;
            case 7: foreach (var i in IntsValue) w.WriteVarint(8, i); break;
        }
    }
}
