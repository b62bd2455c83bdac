namespace Likeness.Vision.Onnx.Native;

/// <summary>Reads an OrtTensorTypeAndShapeInfo: element type and dimensions (-1 where a dimension is dynamic).</summary>
internal static unsafe class OrtTensorInfo
{
    public static (OnnxTensorElementType ElementType, long[] Shape) Read(OrtApi api, nint info)
    {
        int elementType;
        api.Check(api.GetTensorElementType(info, &elementType));
        nuint rank;
        api.Check(api.GetDimensionsCount(info, &rank));
        var shape = new long[(int)rank];
        fixed (long* dims = shape)
        {
            api.Check(api.GetDimensions(info, dims, rank));
        }
        return ((OnnxTensorElementType)elementType, shape);
    }
}
