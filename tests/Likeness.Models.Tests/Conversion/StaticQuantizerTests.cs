using Likeness.Models.Conversion.Onnx;
using Likeness.Models.Conversion.Quantization;
using Likeness.Vision.Onnx;

namespace Likeness.Models.Tests.Conversion;

/// <summary>
/// <see cref="StaticQuantizer"/> on a hand-written residual block (Conv → Relu → Add with its input → Relu → MaxPool), the
/// pattern of face-api's recognition net, run through ONNX Runtime against the float graph.
/// </summary>
public sealed class StaticQuantizerTests
{
    private const int Channels = 4;
    private const int Side = 6;

    private static OnnxGraphBuilder Block()
    {
        var graph = new OnnxGraphBuilder("block");
        graph.AddInput("x", OnnxElementType.Float, OnnxDim.Fixed(1), OnnxDim.Fixed(Channels), OnnxDim.Fixed(Side), OnnxDim.Fixed(Side));
        var random = new Random(7);
        var weights = Enumerable.Range(0, Channels * Channels * 9).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var bias = Enumerable.Range(0, Channels).Select(c => 0.1f * c - 0.15f).ToArray();
        var w = graph.AddFloats("w", weights, Channels, Channels, 3, 3);
        var b = graph.AddFloats("b", bias, Channels);
        var conv = graph.AddNode("Conv", ["x", w, b], "conv", OnnxAttribute.Ints("pads", 1, 1, 1, 1));
        var relu = graph.AddNode("Relu", [conv], "conv/relu");
        var sum = graph.AddNode("Add", [relu, "x"], "add");
        var out1 = graph.AddNode("Relu", [sum], "add/relu");
        graph.ReserveName("y");
        graph.AddNodeWithReservedOutputs("MaxPool", [out1], ["y"], OnnxAttribute.Ints("kernel_shape", 2, 2), OnnxAttribute.Ints("strides", 2, 2));
        graph.AddOutput("y", OnnxElementType.Float);
        return graph;
    }

    private static float[] Input(int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, Channels * Side * Side).Select(_ => (float)(random.NextDouble() * 4 - 1)).ToArray();
    }

    private static IReadOnlyList<OnnxTensor> Run(byte[] model, float[] input)
    {
        using var session = TestAssets.Runtime.OpenSession(model);
        return session.Run([new("x", OnnxTensor.FromFloats(input, 1, Channels, Side, Side))]);
    }

    /// <summary>Ranges measured the way `likeness models calibrate` measures them: every calibration point exposed, min and max over the inputs.</summary>
    private static ActivationRanges Measure(params float[][] inputs)
    {
        var exposed = Block();
        StaticQuantizer.ExposeCalibrationPoints(exposed);
        var bytes = exposed.ToModelBytes("test", "1");
        using var session = TestAssets.Runtime.OpenSession(bytes);
        var ranges = new Dictionary<string, ActivationRange>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            var outputs = session.Run([new("x", OnnxTensor.FromFloats(input, 1, Channels, Side, Side))]);
            for (var i = 0; i < outputs.Count; i++)
            {
                var values = outputs[i].AsFloats();
                var name = session.Outputs[i].Name;
                var (min, max) = ranges.TryGetValue(name, out var r) ? (r.Min, r.Max) : (float.MaxValue, float.MinValue);
                ranges[name] = new ActivationRange(Math.Min(min, values.Min()), Math.Max(max, values.Max()));
            }
        }
        return new ActivationRanges("block-int8", "block", "test inputs", "2026-12-07", ranges);
    }

    private static byte[] Quantized(ActivationRanges ranges)
    {
        var graph = Block();
        StaticQuantizer.Apply(graph, ranges);
        return graph.ToModelBytes("test", "1");
    }

    [Fact]
    public void TheCalibrationPointsAreWhatTheQuantisedOpsReadWithEachReluTakenIntoItsProducer()
    {
        // The Relus after the convolution and the addition are folded: their outputs are what gets quantised.
        Assert.Equal(["x", "conv/relu", "add/relu"], StaticQuantizer.CalibrationPoints(Block()));
    }

    [Fact]
    public void TheQuantisedBlockGivesTheFloatBlocksOutputWithinTwoQuantisationSteps()
    {
        // Inside the calibrated ranges; outside them values saturate at the range's ends, as uint8 must.
        var ranges = Measure(Input(1), Input(2), Input(3), Input(4), Input(5));
        var model = Quantized(ranges);
        var step = StaticQuantizer.UInt8Parameters(ranges.Of("add/relu")).Scale;

        foreach (var seed in new[] { 1, 4, 5 })
        {
            var expected = Run(Block().ToModelBytes("test", "1"), Input(seed))[0].AsFloats();
            var actual = Run(model, Input(seed))[0].AsFloats();
            Assert.Equal(expected.Length, actual.Length);
            // Relu must survive its removal: the uint8 zero point clips at 0 exactly.
            Assert.All(actual, v => Assert.True(v >= 0, $"{v} below 0: the folded Relu was lost."));
            Assert.All(expected.Zip(actual), p => Assert.True(Math.Abs(p.First - p.Second) <= 2 * step + 1e-6,
                $"float {p.First} vs 8-bit {p.Second}: more than two steps of {step}."));
        }
    }

    [Fact]
    public void QuantisingIsDeterministicSoTheModelCanBePinned()
    {
        var ranges = Measure(Input(1));
        Assert.Equal(Quantized(ranges), Quantized(ranges));
    }

    [Fact]
    public void TheQuantisedBlockStoresInt8WeightsAndNoRelu()
    {
        var graph = Block();
        StaticQuantizer.Apply(graph, Measure(Input(1)));

        Assert.DoesNotContain(graph.Nodes, n => n.OpType == "Relu");
        var conv = Assert.Single(graph.Nodes, n => n.OpType == "Conv");
        var weights = graph.Nodes.Single(n => n.Outputs[0] == conv.Inputs[1]);
        Assert.Equal("DequantizeLinear", weights.OpType);
        Assert.Equal(OnnxElementType.Int8, graph.TryGetInitializer(weights.Inputs[0])!.Type);
        // 7-bit weights: no uint8 x int8 pair sum can saturate 16 bits on a CPU without VNNI.
        var values = graph.TryGetInitializer(weights.Inputs[0])!.Raw.Select(b => (int)(sbyte)b).ToList();
        Assert.All(values, w => Assert.InRange(w, -StaticQuantizer.WeightLimit, StaticQuantizer.WeightLimit));
        Assert.Contains(values, w => Math.Abs(w) == StaticQuantizer.WeightLimit);
        Assert.True(255 * StaticQuantizer.WeightLimit * 2 <= short.MaxValue);
        var bias = graph.Nodes.Single(n => n.Outputs[0] == conv.Inputs[2]);
        Assert.Equal(OnnxElementType.Int32, graph.TryGetInitializer(bias.Inputs[0])!.Type);
        // The float weights and bias are gone from the file, not kept beside their 8-bit copies.
        Assert.Null(graph.TryGetInitializer("w"));
        Assert.Null(graph.TryGetInitializer("b"));
    }

    [Fact]
    public void ARangeMissingFromTheCalibrationFailsNamingTheTensorAndTheFix()
    {
        var ranges = Measure(Input(1));
        var partial = ranges with { Ranges = ranges.Ranges.Where(r => r.Key != "conv/relu").ToDictionary() };

        var error = Assert.Throws<InvalidDataException>(() => StaticQuantizer.Apply(Block(), partial));

        Assert.Contains("'conv/relu'", error.Message);
        Assert.Contains("likeness models calibrate block-int8", error.Message);
    }

    [Theory]
    [InlineData(-1f, 3f, 4f / 255, 64)]
    [InlineData(0f, 5.1f, 0.02f, 0)]
    // A range that does not reach 0 is widened to it, so that 0 (padding, a Relu's floor) is exact.
    [InlineData(0.5f, 2.55f, 0.01f, 0)]
    [InlineData(-2.55f, -1f, 0.01f, 255)]
    public void UInt8ParametersMapTheRangeOntoZeroTo255WithZeroExact(float min, float max, float scale, int zeroPoint)
    {
        var (s, z) = StaticQuantizer.UInt8Parameters(new ActivationRange(min, max));
        Assert.Equal(scale, s, 1e-6f);
        Assert.Equal(zeroPoint, z);
    }

    [Fact]
    public void RangesSurviveTheirJsonWithTensorsInNameOrder()
    {
        var ranges = new ActivationRanges("m-int8", "m", "some faces", "2026-12-07",
            new Dictionary<string, ActivationRange> { ["b"] = new(-0.25f, 1.5f), ["a"] = new(0, 3.125f) });

        var json = ranges.ToJson();
        var back = ActivationRanges.Parse(json);

        Assert.True(json.IndexOf("\"a\"", StringComparison.Ordinal) < json.IndexOf("\"b\"", StringComparison.Ordinal));
        Assert.Equal(ranges with { Ranges = null! }, back with { Ranges = null! });
        Assert.Equal(new ActivationRange(-0.25f, 1.5f), back.Of("b"));
        Assert.Equal(new ActivationRange(0, 3.125f), back.Of("a"));
    }

    [Fact]
    public void TheShippedRecognitionRangesCoverEveryTensorTheQuantiserNeeds()
    {
        var shipped = ActivationRanges.Shipped("faceapi-recognition-int8");

        Assert.Equal("faceapi-recognition", shipped.Source);
        Assert.All(shipped.Ranges.Values, r => Assert.True(r.Min <= r.Max && float.IsFinite(r.Min) && float.IsFinite(r.Max)));
        Assert.Throws<InvalidDataException>(() => ActivationRanges.Shipped("faceapi-recognition"));
    }
}
