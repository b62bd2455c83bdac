using Likeness.Models.Conversion.Onnx;

namespace Likeness.Models.Conversion.Tfjs;

/// <summary>
/// Ops that move or reinterpret data: Reshape, Squeeze, ExpandDims, ConcatV2, Pad, StridedSlice. Reshapes of
/// constants fold in C#; the rest run in TF's layout unless the op maps cleanly onto NCHW axes.
/// </summary>
internal static class TfjsShapeOps
{
    public static void Identity(TfjsConversionContext context, TfjsNode node) => context.Define(node, context.Input(node, 0));

    public static void Reshape(TfjsConversionContext context, TfjsNode node)
    {
        var x = context.Input(node, 0);
        var requested = context.ConstantInts(node, 1);
        if (requested.Any(d => d == 0 || d < -1) || requested.Count(d => d == -1) > 1) throw node.Error($"reshapes to [{TfjsShapes.Format(requested)}]");
        var shape = ResolveReshape(x.Shape, requested);
        if (x.Constant is { } constant)
        {
            context.Define(node, TfjsValue.Const(Refold(constant, node.Name, shape)));
            return;
        }
        var y = context.Emit("Reshape", [context.AsTfLayout(x), context.Int64s(node.Name + "/shape", requested)], node.Name);
        context.Define(node, TfjsValue.Runtime(y, shape));
    }

    public static void Squeeze(TfjsConversionContext context, TfjsNode node)
    {
        var x = context.Input(node, 0);
        // TF's attribute is squeeze_dims; tfjs-converter also accepts "axis".
        var listed = node.Ints("squeeze_dims");
        if (listed.Length == 0) listed = node.Ints("axis");
        int[] axes;
        if (listed.Length > 0)
        {
            axes = TfjsShapes.Axes(listed, x.Rank, node);
        }
        else
        {
            if (x.Shape.Any(d => d < 0)) throw node.Error("squeezes every size-1 axis of a shape with unknown sizes");
            axes = Enumerable.Range(0, x.Rank).Where(i => x.Shape[i] == 1).ToArray();
        }
        if (axes.Any(a => x.Shape[a] != 1 && x.Shape[a] >= 0)) throw node.Error($"squeezes an axis that is not size 1 in [{TfjsShapes.Format(x.Shape)}]");
        var shape = x.Shape.Where((_, i) => !axes.Contains(i)).ToArray();
        if (x.Constant is { } constant)
        {
            context.Define(node, TfjsValue.Const(Refold(constant, node.Name, shape)));
            return;
        }
        var nchw = x.IsNchw && TfjsShapes.KeptAxesStayInOrder(axes);
        var input = nchw ? x.OnnxName! : context.AsTfLayout(x);
        var onnxAxes = (nchw ? axes.Select(a => (long)TfjsConversionContext.NchwAxisOf[a]) : axes.Select(a => (long)a)).Order().ToArray();
        var y = context.Emit("Squeeze", [input, context.Int64s(node.Name + "/axes", onnxAxes)], node.Name);
        context.Define(node, TfjsValue.Runtime(y, shape));
    }

    public static void ExpandDims(TfjsConversionContext context, TfjsNode node)
    {
        var x = context.Input(node, 0);
        var axisValues = context.ConstantInts(node, 1);
        if (axisValues.Length != 1) throw node.Error("needs a single axis");
        var axis = axisValues[0] < 0 ? axisValues[0] + x.Rank + 1 : axisValues[0];
        if (axis < 0 || axis > x.Rank) throw node.Error($"has axis {axisValues[0]} outside rank {x.Rank + 1}");
        var shape = x.Shape.Take((int)axis).Append(1).Concat(x.Shape.Skip((int)axis)).ToArray();
        if (x.Constant is { } constant)
        {
            context.Define(node, TfjsValue.Const(Refold(constant, node.Name, shape)));
            return;
        }
        var y = context.Emit("Unsqueeze", [context.AsTfLayout(x), context.Int64s(node.Name + "/axes", axis)], node.Name);
        context.Define(node, TfjsValue.Runtime(y, shape));
    }

    public static void ConcatV2(TfjsConversionContext context, TfjsNode node)
    {
        // ConcatV2: N tensors, then the axis; tfjs-converter reads N from the attribute.
        var count = (int)node.Int("N", node.Inputs.Count - 1);
        var parts = Enumerable.Range(0, count).Select(i => context.Input(node, i)).ToArray();
        var rank = parts[0].Rank;
        if (parts.Any(p => p.Rank != rank)) throw node.Error("concatenates tensors of different ranks");
        var axisValues = context.ConstantInts(node, count);
        if (axisValues.Length != 1) throw node.Error("needs a single axis");
        var axis = (int)(axisValues[0] < 0 ? axisValues[0] + rank : axisValues[0]);
        if (axis < 0 || axis >= rank) throw node.Error($"has axis {axisValues[0]} outside rank {rank}");
        if (parts.All(p => p.IsConstant)) throw node.Error("concatenates only constants; constant folding is not implemented for it");

        var shape = (long[])parts[0].Shape.Clone();
        shape[axis] = parts.Any(p => p.Shape[axis] < 0) ? -1 : parts.Sum(p => p.Shape[axis]);
        var nchw = rank == 4 && parts.Any(p => p.IsNchw);
        var inputs = parts.Select(p => nchw ? context.AsNchw(p) : context.AsTfLayout(p)).ToArray();
        var y = context.Emit("Concat", inputs, node.Name, OnnxAttribute.Int("axis", nchw ? TfjsConversionContext.NchwAxisOf[axis] : axis));
        context.Define(node, TfjsValue.Runtime(y, shape, nchw));
    }

    public static void Pad(TfjsConversionContext context, TfjsNode node)
    {
        var x = context.Input(node, 0);
        if (x.IsConstant) throw node.Error("pads a constant; constant folding is not implemented for it");
        var paddings = context.ConstantInts(node, 1);
        if (paddings.Length != 2 * x.Rank) throw node.Error($"has {paddings.Length} padding values for rank {x.Rank}");
        if (paddings.Any(p => p < 0)) throw node.Error("has negative paddings");
        var value = node.Op == "PadV2" ? context.ConstantInput(node, 2).RequireFloats()[0] : node.Float("constant_value", 0f);
        var shape = x.Shape.Select((d, i) => d < 0 ? -1 : d + paddings[2 * i] + paddings[2 * i + 1]).ToArray();
        if (paddings.All(p => p == 0))
        {
            context.Define(node, x);
            return;
        }
        // ONNX pads are [begin of every axis..., end of every axis...] in the stored layout's axis order.
        var axisOrder = x.IsNchw ? TfjsConversionContext.ToNchwPerm : Enumerable.Range(0, x.Rank).Select(i => (long)i).ToArray();
        var pads = axisOrder.Select(a => paddings[2 * a]).Concat(axisOrder.Select(a => paddings[2 * a + 1])).ToArray();
        var y = context.Emit("Pad", [x.OnnxName!, context.Int64s(node.Name + "/pads", pads), context.Scalar(node.Name + "/value", value)], node.Name,
            OnnxAttribute.String("mode", "constant"));
        context.Define(node, TfjsValue.Runtime(y, shape, x.IsNchw));
    }

    /// <summary>
    /// StridedSlice with constant begin/end/strides, following TensorFlow's dense-spec rules (as tfjs-core's
    /// slice_util does): ellipsis expands to the uncovered axes, new_axis inserts a size-1 axis, shrink_axis takes
    /// one index and drops the axis. Emitted as Slice on the TF layout, plus a Reshape when axes come or go.
    /// </summary>
    public static void StridedSlice(TfjsConversionContext context, TfjsNode node)
    {
        var x = context.Input(node, 0);
        if (x.IsConstant) throw node.Error("slices a constant; constant folding is not implemented for it");
        var begin = context.ConstantInts(node, 1);
        var end = context.ConstantInts(node, 2);
        var strides = node.Inputs.Count > 3 ? context.ConstantInts(node, 3) : begin.Select(_ => 1L).ToArray();
        if (end.Length != begin.Length || strides.Length != begin.Length) throw node.Error("has begin, end and strides of different lengths");
        if (strides.Any(s => s == 0)) throw node.Error("has a zero stride");
        var beginMask = node.Int("begin_mask", 0);
        var endMask = node.Int("end_mask", 0);
        var ellipsisMask = node.Int("ellipsis_mask", 0);
        var newAxisMask = node.Int("new_axis_mask", 0);
        var shrinkMask = node.Int("shrink_axis_mask", 0);
        bool Bit(long mask, int j) => (mask & (1L << j)) != 0;

        var consumed = Enumerable.Range(0, begin.Length).Count(j => !Bit(ellipsisMask, j) && !Bit(newAxisMask, j));
        var sliceAxes = new List<long>();
        var starts = new List<long>();
        var ends = new List<long>();
        var steps = new List<long>();
        var finalShape = new List<long>();
        var inputAxis = 0;
        var sawEllipsis = false;
        for (var j = 0; j < begin.Length; j++)
        {
            if (Bit(ellipsisMask, j) && !sawEllipsis)
            {
                sawEllipsis = true;
                var covered = x.Rank - consumed;
                for (var k = 0; k < covered; k++) finalShape.Add(x.Shape[inputAxis++]);
                continue;
            }
            if (Bit(newAxisMask, j))
            {
                finalShape.Add(1);
                continue;
            }
            if (inputAxis >= x.Rank) throw node.Error("slices more axes than its input has");
            var dim = x.Shape[inputAxis];
            var (start, stop, step, size) = Bit(shrinkMask, j)
                ? ShrinkRange(begin[j], dim, node)
                : Range(begin[j], end[j], strides[j], Bit(beginMask, j), Bit(endMask, j), dim);
            if (!(start == 0 && stop == long.MaxValue && step == 1))
            {
                sliceAxes.Add(inputAxis);
                starts.Add(start);
                ends.Add(stop);
                steps.Add(step);
            }
            if (!Bit(shrinkMask, j)) finalShape.Add(size);
            inputAxis++;
        }
        while (inputAxis < x.Rank) finalShape.Add(x.Shape[inputAxis++]);

        var y = context.AsTfLayout(x);
        var slicedShape = x.Shape.ToArray();
        if (sliceAxes.Count > 0)
        {
            y = context.Emit("Slice",
                [y, context.Int64s(node.Name + "/starts", [.. starts]), context.Int64s(node.Name + "/ends", [.. ends]),
                 context.Int64s(node.Name + "/axes", [.. sliceAxes]), context.Int64s(node.Name + "/steps", [.. steps])],
                node.Name + (finalShape.Count == x.Rank ? "" : "/slice"));
        }
        var shape = finalShape.ToArray();
        if (shape.Length != x.Rank)
        {
            if (shape.Count(d => d < 0) > 1) throw node.Error("leaves more than one unknown dimension");
            y = context.Emit("Reshape", [y, context.Int64s(node.Name + "/shape", shape)], node.Name);
        }
        else if (sliceAxes.Count == 0)
        {
            y = context.Emit("Identity", [y], node.Name);
        }
        context.Define(node, TfjsValue.Runtime(y, shape));
    }

    // One axis of a strided slice as ONNX Slice arguments plus the resulting size (-1 when the axis is unknown).
    // Where the size is known the range is made canonical the way TensorFlow clamps it; ONNX's own clamping then
    // agrees. Masked ends use ±int64 limits, which ONNX Slice clamps to the axis.
    private static (long Start, long Stop, long Step, long Size) Range(long begin, long end, long stride, bool beginMasked, bool endMasked, long dim)
    {
        var start = beginMasked ? (stride > 0 ? 0 : long.MaxValue) : begin;
        var stop = endMasked ? (stride > 0 ? long.MaxValue : long.MinValue) : end;
        if (dim < 0) return (start, stop, stride, -1);
        long Clamp(long v, long lo, long hi) => Math.Min(Math.Max(v, lo), hi);
        long b, e;
        if (stride > 0)
        {
            b = beginMasked ? 0 : Clamp(begin < 0 ? begin + dim : begin, 0, dim);
            e = endMasked ? dim : Clamp(end < 0 ? end + dim : end, 0, dim);
        }
        else
        {
            b = beginMasked ? dim - 1 : Clamp(begin < 0 ? begin + dim : begin, -1, dim - 1);
            e = endMasked ? -1 : Clamp(end < 0 ? end + dim : end, -1, dim - 1);
        }
        var size = stride > 0 ? Math.Max(0, (e - b + stride - 1) / stride) : Math.Max(0, (b - e - stride - 1) / -stride);
        // e = -1 with a negative stride means "through index 0"; ONNX would read -1 as the last element.
        var onnxStop = stride < 0 && e == -1 ? long.MinValue : e;
        var full = stride == 1 && b == 0 && e == dim;
        return full ? (0, long.MaxValue, 1, dim) : (b, onnxStop, stride, size);
    }

    private static (long Start, long Stop, long Step, long Size) ShrinkRange(long begin, long dim, TfjsNode node)
    {
        if (dim >= 0)
        {
            var b = begin < 0 ? begin + dim : begin;
            if (b < 0 || b >= dim) throw node.Error($"takes index {begin} of an axis of size {dim}");
            return (b, b + 1, 1, 1);
        }
        return (begin, begin == -1 ? long.MaxValue : begin + 1, 1, 1);
    }

    private static long[] ResolveReshape(long[] input, long[] requested)
    {
        var unknownAt = Array.IndexOf(requested, -1L);
        if (unknownAt < 0) return requested;
        if (input.Any(d => d < 0)) return requested;
        var known = TfjsShapes.Product(requested.Where(d => d != -1));
        var total = TfjsShapes.Product(input);
        if (known == 0 || total % known != 0) throw new TfjsConversionException($"Cannot reshape [{TfjsShapes.Format(input)}] to [{TfjsShapes.Format(requested)}].");
        var result = (long[])requested.Clone();
        result[unknownAt] = total / known;
        return result;
    }

    private static TfjsWeight Refold(TfjsWeight constant, string name, long[] shape)
    {
        if (shape.Any(d => d < 0) || TfjsShapes.Product(shape) != TfjsShapes.Product(constant.Shape))
        {
            throw new TfjsConversionException($"Cannot reshape constant '{constant.Name}' [{TfjsShapes.Format(constant.Shape)}] to [{TfjsShapes.Format(shape)}].");
        }
        return new TfjsWeight(name, shape, constant.Floats, constant.Ints);
    }
}
