using Likeness.Vision.Onnx;

namespace Likeness.Bench;

/// <summary>Times OnnxSession.Run, batch 1, for one model at one intra-op thread count.</summary>
/// <remarks>
/// One op is exactly what a caller of the binding pays for: Run pins the input, ORT computes, and every
/// output is copied into a managed array. The input tensor is built once, outside the timing, and
/// reused, as the peer reuses its input tensor.
/// </remarks>
public static class ModelBenchmark
{
    /// <summary>Measures <paramref name="row"/>'s model; a model ORT cannot open or run marks the row failed and returns false.</summary>
    public static bool Measure(OnnxRuntime runtime, int threads, ModelRow row, string label, BenchOptions options, ProgressLine progress)
    {
        try
        {
            using var session = runtime.OpenSession(row.Path!);
            var inputs = Inputs(session, row);
            row.Likeness[threads] = StopwatchHarness.Measure(label, options.Warmup, options.Reps, () => session.Run(inputs), progress);
            return true;
        }
        catch (Exception e) when (e is OnnxRuntimeException or NotSupportedException)
        {
            (row.Status, row.Note) = ("failed", e.Message);
            progress.Done($"{label}: failed: {e.Message}");
            return false;
        }
    }

    /// <summary>
    /// One float input of pseudo-random values in [0, 1): an open batch is 1, an open image height and width
    /// 256 (the size the opened BlazeFace was trained at, so its row compares with blazeface's); the open height and
    /// width of an NCHW input (blazeface-anysize-tail's) 64, what BlazeFace's own kernel makes of a 256 px image.
    /// </summary>
    private static KeyValuePair<string, OnnxTensor>[] Inputs(OnnxSession session, ModelRow row)
    {
        if (session.Inputs.Count != 1 || session.Inputs[0].ElementType != OnnxTensorElementType.Float)
        {
            // Every catalog model takes one NHWC float image; the peer script feeds exactly that.
            throw new NotSupportedException($"{row.Name} takes {string.Join(", ", session.Inputs)}; the harness feeds one float input.");
        }
        var input = session.Inputs[0];
        var nchw = input.Shape is [_, >= 0, < 0, < 0];
        row.InputShape = [.. input.Shape.Select((d, i) => d >= 0 ? d : input.Shape.Length != 4 || i == 0 ? 1L : nchw ? 64L : 256L)];
        var count = checked((int)row.InputShape.Aggregate(1L, (a, b) => a * b));
        return [new(input.Name, OnnxTensor.FromFloats(ReferenceInput.Create(count), row.InputShape))];
    }
}
