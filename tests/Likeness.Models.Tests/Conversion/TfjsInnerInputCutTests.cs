using Likeness.Models.Conversion.Tfjs;
using Likeness.Vision.Onnx;

namespace Likeness.Models.Tests.Conversion;

/// <summary>
/// A graph cut at an inner node (<see cref="TfjsCutInput"/>), on a hand-written graph: x → a = Relu(x) → y = Square(a),
/// and z = x + a, which reaches the model's input around the cut.
/// </summary>
public sealed class TfjsInnerInputCutTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("likeness-cut-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void TheInnerNodeBecomesAnNchwInputAndNothingBeforeItIsConverted()
    {
        var model = TfjsGraphConverter.Convert(WriteGraph(), "cut", new TfjsGraphCut([new("y", "y")], new TfjsCutInput("a", "a", 2)));
        using var session = TestAssets.Runtime.OpenSession(model);

        var input = Assert.Single(session.Inputs);
        Assert.Equal("a", input.Name);
        Assert.Equal([1L, 2, -1, -1], input.Shape);
        // NCHW [1, 2, 1, 3]: channel 0 is 1, 2, 3 and channel 1 is 4, 5, 6; the output is TF.js's NHWC. No Relu ran on
        // the fed value (-1 squares to 1), since it is the Relu's output.
        var output = session.Run([new("a", OnnxTensor.FromFloats([-1f, 2, 3, 4, 5, 6], 1, 2, 1, 3))])[0];

        Assert.Equal([1L, 1, 3, 2], output.Shape);
        Assert.Equal([1f, 16, 4, 25, 9, 36], output.AsFloats());
    }

    [Fact]
    public void AnOutputThatReachesTheModelInputAroundTheCutIsRefused()
    {
        var error = Assert.Throws<TfjsConversionException>(() =>
            TfjsGraphConverter.Convert(WriteGraph(), "cut", new TfjsGraphCut([new("z", "z")], new TfjsCutInput("a", "a", 2))));
        Assert.Contains("bypasses", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownNodeOrAnOutputThatIsTheInputItselfIsRefused()
    {
        Assert.Throws<TfjsConversionException>(() =>
            TfjsGraphConverter.Convert(WriteGraph(), "cut", new TfjsGraphCut([new("y", "y")], new TfjsCutInput("a", "nowhere", 2))));
        Assert.Throws<TfjsConversionException>(() =>
            TfjsGraphConverter.Convert(WriteGraph(), "cut", new TfjsGraphCut([new("a", "a")], new TfjsCutInput("a", "a", 2))));
    }

    private string WriteGraph()
    {
        var path = Path.Combine(_directory.FullName, "model.json");
        File.WriteAllText(path, """
            {
              "format": "graph-model",
              "modelTopology": { "node": [
                { "name": "x", "op": "Placeholder", "attr": { "dtype": { "type": "DT_FLOAT" }, "shape": { "shape": { "dim": [ { "size": "1" }, { "size": "1" }, { "size": "3" }, { "size": "2" } ] } } } },
                { "name": "a", "op": "Relu", "input": [ "x" ], "attr": { "T": { "type": "DT_FLOAT" } } },
                { "name": "y", "op": "Square", "input": [ "a" ], "attr": { "T": { "type": "DT_FLOAT" } } },
                { "name": "z", "op": "AddV2", "input": [ "x", "a" ], "attr": { "T": { "type": "DT_FLOAT" } } }
              ] },
              "signature": { "inputs": { "x:0": { "name": "x:0" } }, "outputs": { "y:0": { "name": "y:0" } } },
              "weightsManifest": []
            }
            """);
        return path;
    }
}
