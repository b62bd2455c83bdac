using System.Text.Json;
using System.Text.Json.Serialization;
using Likeness.Vision.Onnx;

namespace Likeness.Models.Tests.Conversion;

/// <summary>
/// Reference outputs computed by TF.js (tools/reference-outputs) for a fixed pseudo-random input;
/// the writer is tools/reference-outputs/lib/fixture.mjs.
/// </summary>
public sealed class ReferenceFixture
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    [JsonPropertyName("model")] public string Model { get; init; } = "";
    [JsonPropertyName("source")] public string Source { get; init; } = "";
    [JsonPropertyName("inputs")] public List<FixtureInput> Inputs { get; init; } = [];
    [JsonPropertyName("outputs")] public List<FixtureOutput> Outputs { get; init; } = [];

    public static ReferenceFixture Load(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Conversion", "Fixtures", fileName);
        return JsonSerializer.Deserialize<ReferenceFixture>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"Empty fixture {path}.");
    }

    /// <summary>The same xorshift32 stream as fixture.mjs's referenceInput, bit for bit.</summary>
    public static float[] GenerateInput(long[] shape, uint seed, double low, double high)
    {
        if (seed == 0) throw new ArgumentException("Seed must be non-zero.", nameof(seed));
        var n = checked((int)shape.Aggregate(1L, (a, b) => a * b));
        var values = new float[n];
        var x = seed;
        for (var i = 0; i < n; i++)
        {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            values[i] = (float)(low + (high - low) * ((x >> 8) / 16777216.0));
        }
        return values;
    }

    /// <summary>
    /// Runs the session on the fixture's inputs and asserts every sampled output value is within
    /// <paramref name="relativeTolerance"/> x the output's scale (its largest |value|) of the reference.
    /// Returns the worst error seen, relative to scale, per output name.
    /// </summary>
    public IReadOnlyDictionary<string, double> AssertMatches(OnnxSession session, double relativeTolerance)
    {
        var feeds = Inputs
            .Select(i => new KeyValuePair<string, OnnxTensor>(i.Name, OnnxTensor.FromFloats(GenerateInput(i.Shape, i.Seed, i.Low, i.High), i.Shape)))
            .ToList();
        var results = session.Run(feeds);
        var worst = new Dictionary<string, double>();
        foreach (var expected in Outputs)
        {
            var index = session.Outputs.ToList().FindIndex(o => o.Name == expected.Name);
            Assert.True(index >= 0, $"{Model}: the ONNX model has no output '{expected.Name}' (it has {string.Join(", ", session.Outputs.Select(o => o.Name))}).");
            var actual = results[index];
            Assert.Equal(expected.Shape, actual.Shape);
            var values = actual.AsFloats();
            Assert.Equal(expected.Count, values.Length);
            var scale = Math.Max(expected.Scale, 1e-6);
            var maxError = 0.0;
            var worstAt = 0;
            for (var s = 0; s < expected.Samples.Length; s++)
            {
                var error = Math.Abs(values[s * expected.Stride] - expected.Samples[s]);
                if (error > maxError) { maxError = error; worstAt = s * expected.Stride; }
            }
            var sum = values.Sum(v => (double)v);
            worst[expected.Name] = maxError / scale;
            Assert.True(maxError <= relativeTolerance * scale,
                $"{Model} output '{expected.Name}': max |onnx - tfjs| = {maxError:G4} at [{worstAt}], allowed {relativeTolerance:G2} x scale {scale:G4}.");
            Assert.True(Math.Abs(sum - expected.Sum) <= relativeTolerance * Math.Max(expected.SumAbs, 1e-6) + 1e-6,
                $"{Model} output '{expected.Name}': sum {sum:G8} vs reference {expected.Sum:G8}.");
        }
        return worst;
    }
}

public sealed class FixtureInput
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("shape")] public long[] Shape { get; init; } = [];
    [JsonPropertyName("seed")] public uint Seed { get; init; }
    [JsonPropertyName("low")] public double Low { get; init; }
    [JsonPropertyName("high")] public double High { get; init; }
}

public sealed class FixtureOutput
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("shape")] public long[] Shape { get; init; } = [];
    [JsonPropertyName("count")] public long Count { get; init; }
    [JsonPropertyName("scale")] public double Scale { get; init; }
    [JsonPropertyName("sum")] public double Sum { get; init; }
    [JsonPropertyName("sumAbs")] public double SumAbs { get; init; }
    [JsonPropertyName("stride")] public int Stride { get; init; }
    [JsonPropertyName("samples")] public double[] Samples { get; init; } = [];
}
