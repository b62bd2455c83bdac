using Likeness.Models.Conversion.Tfjs;
using Likeness.Vision.Onnx;

namespace Likeness.Models.Tests.Conversion;

/// <summary>
/// ResizeBilinear on a hand-written two-node graph: 2x2 → 4x4 with TF's half-pixel centres, against values worked
/// out from tfjs-core's resize_bilinear kernel, both as published and with the input size opened.
/// </summary>
public sealed class TfjsResizeConversionTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("likeness-resize-");

    public void Dispose() => _directory.Delete(recursive: true);

    // Along one axis, 2 → 4 at half-pixel centres samples source positions -0.25, 0.25, 0.75, 1.25, clamped to the
    // edge: [a, 0.75a + 0.25b, 0.25a + 0.75b, b].
    private static float[] Expand(float a, float b) => [a, 0.75f * a + 0.25f * b, 0.25f * a + 0.75f * b, b];

    [Fact]
    public void ResizeBilinearWithHalfPixelCentresMatchesTensorFlow()
    {
        var model = TfjsGraphConverter.Convert(WriteGraph(), "resize");
        using var session = TestAssets.Runtime.OpenSession(model);

        var output = session.Run([new("x", OnnxTensor.FromFloats([0f, 1f, 2f, 3f], 1, 2, 2, 1))])[0];

        Assert.Equal([1L, 4, 4, 1], output.Shape);
        var top = Expand(0, 1);
        var bottom = Expand(2, 3);
        var expected = new float[16];
        for (var column = 0; column < 4; column++)
        {
            var down = Expand(top[column], bottom[column]);
            for (var row = 0; row < 4; row++) expected[row * 4 + column] = down[row];
        }
        Assert.Equal(expected, output.AsFloats(), new FloatComparer(1e-6f));
    }

    [Fact]
    public void AnOpenedInputKeepsTheRatioTheConstantSizeHadAtThePublishedSize()
    {
        var model = TfjsGraphConverter.Convert(WriteGraph(), "resize", new TfjsGraphCut([new("y", "y")]));
        using var session = TestAssets.Runtime.OpenSession(model);

        var output = session.Run([new("x", OnnxTensor.FromFloats(new float[3 * 5], 1, 3, 5, 1))])[0];

        Assert.Equal([1L, 6, 10, 1], output.Shape);
    }

    private string WriteGraph()
    {
        var path = Path.Combine(_directory.FullName, "model.json");
        File.WriteAllBytes(Path.Combine(_directory.FullName, "size.bin"), [4, 0, 0, 0, 4, 0, 0, 0]);
        File.WriteAllText(path, """
            {
              "format": "graph-model",
              "modelTopology": { "node": [
                { "name": "x", "op": "Placeholder", "attr": { "dtype": { "type": "DT_FLOAT" }, "shape": { "shape": { "dim": [ { "size": "1" }, { "size": "2" }, { "size": "2" }, { "size": "1" } ] } } } },
                { "name": "size", "op": "Const", "attr": { "dtype": { "type": "DT_INT32" }, "value": { "tensor": { "dtype": "DT_INT32", "tensorShape": { "dim": [ { "size": "2" } ] } } } } },
                { "name": "y", "op": "ResizeBilinear", "input": [ "x", "size" ], "attr": { "T": { "type": "DT_FLOAT" }, "align_corners": { "b": false }, "half_pixel_centers": { "b": true } } }
              ] },
              "signature": { "inputs": { "x:0": { "name": "x:0" } }, "outputs": { "y:0": { "name": "y:0" } } },
              "weightsManifest": [ { "paths": [ "size.bin" ], "weights": [ { "name": "size", "shape": [ 2 ], "dtype": "int32" } ] } ]
            }
            """);
        return path;
    }

    private sealed class FloatComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
