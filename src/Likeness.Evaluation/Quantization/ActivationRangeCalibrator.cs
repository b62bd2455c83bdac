using Likeness.Models.Conversion.Quantization;
using Likeness.Vision.Onnx;

namespace Likeness.Evaluation.Quantization;

/// <summary>
/// Runs a float network whose every quantised tensor is a graph output (<c>ModelConverter.ConvertForCalibration</c>)
/// on calibration inputs and keeps each tensor's least and greatest value: the ranges static quantisation maps
/// onto 0-255.
/// </summary>
public sealed class ActivationRangeCalibrator(OnnxSession session)
{
    private readonly Dictionary<string, (float Min, float Max)> _ranges = new(StringComparer.Ordinal);

    /// <summary>Network inputs run so far.</summary>
    public long Items { get; private set; }

    /// <summary>Runs one batch (NHWC floats, <paramref name="items"/> x height x width x channels) and widens every range to cover it.</summary>
    public void Add(float[] input, int items, int height, int width, int channels)
    {
        ArgumentNullException.ThrowIfNull(input);
        var outputs = session.Run([new(session.Inputs[0].Name, OnnxTensor.FromFloats(input, items, height, width, channels))]);
        for (var i = 0; i < outputs.Count; i++)
        {
            var name = session.Outputs[i].Name;
            var values = outputs[i].AsFloats();
            if (values.Length == 0) continue;
            var (min, max) = _ranges.GetValueOrDefault(name, (float.PositiveInfinity, float.NegativeInfinity));
            foreach (var v in values)
            {
                if (float.IsNaN(v)) throw new InvalidDataException($"The network produced NaN in '{name}'; the calibration inputs or the model are broken.");
                if (v < min) min = v;
                if (v > max) max = v;
            }
            _ranges[name] = (min, max);
        }
        Items += items;
    }

    /// <summary>Every tensor's range so far.</summary>
    public IReadOnlyDictionary<string, ActivationRange> Ranges() =>
        _ranges.ToDictionary(r => r.Key, r => new ActivationRange(r.Value.Min, r.Value.Max), StringComparer.Ordinal);
}
