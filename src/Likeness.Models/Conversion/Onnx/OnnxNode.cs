namespace Likeness.Models.Conversion.Onnx;

/// <summary>One node (NodeProto) of a graph being built.</summary>
internal sealed record OnnxNode(string OpType, string Name, string[] Inputs, string[] Outputs, OnnxAttribute[] Attributes)
{
    public void WriteTo(ProtobufWriter n)
    {
        foreach (var i in Inputs) n.WriteString(1, i);
        foreach (var o in Outputs) n.WriteString(2, o);
        n.WriteString(3, Name);
        n.WriteString(4, OpType);
        foreach (var a in Attributes) n.WriteMessage(5, a.WriteTo);
    }
}
