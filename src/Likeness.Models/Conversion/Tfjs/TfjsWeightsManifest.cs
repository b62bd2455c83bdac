using System.Buffers.Binary;
using System.Text.Json;

namespace Likeness.Models.Conversion.Tfjs;

/// <summary>
/// Reads TF.js weights: a manifest (groups of shard paths and weight specs) plus the binary shards,
/// de-quantising exactly as tfjs-core's io_utils.decodeWeight does, so converted models see the
/// same float32 values TF.js computes with.
/// </summary>
/// <remarks>
/// Both model kinds share this format: a graph model's model.json carries it under "weightsManifest";
/// face-api's *-weights_manifest.json is the bare array.
/// </remarks>
public static class TfjsWeightsManifest
{
    /// <summary>Loads every weight of a manifest whose shard paths are relative to <paramref name="baseDirectory"/>.</summary>
    public static IReadOnlyDictionary<string, TfjsWeight> Load(JsonElement manifest, string baseDirectory)
    {
        if (manifest.ValueKind != JsonValueKind.Array) throw new TfjsConversionException("A weights manifest must be a JSON array of groups.");
        var weights = new Dictionary<string, TfjsWeight>(StringComparer.Ordinal);
        foreach (var group in manifest.EnumerateArray())
        {
            var data = ReadShards(group, baseDirectory);
            var offset = 0;
            foreach (var spec in group.GetProperty("weights").EnumerateArray())
            {
                var weight = Decode(spec, data, ref offset);
                if (!weights.TryAdd(weight.Name, weight)) throw new TfjsConversionException($"Weight '{weight.Name}' appears twice in the manifest.");
            }
            if (offset != data.Length)
            {
                throw new TfjsConversionException($"Shards hold {data.Length} bytes but the manifest describes {offset}.");
            }
        }
        return weights;
    }

    /// <summary>Loads a face-api style *-weights_manifest.json file.</summary>
    public static IReadOnlyDictionary<string, TfjsWeight> LoadFile(string manifestPath)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(manifestPath));
        return Load(doc.RootElement, Path.GetDirectoryName(Path.GetFullPath(manifestPath))!);
    }

    private static byte[] ReadShards(JsonElement group, string baseDirectory)
    {
        using var buffer = new MemoryStream();
        foreach (var path in group.GetProperty("paths").EnumerateArray())
        {
            var relative = path.GetString() ?? throw new TfjsConversionException("A shard path is null.");
            var full = Path.GetFullPath(Path.Combine(baseDirectory, relative));
            if (!full.StartsWith(Path.GetFullPath(baseDirectory) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new TfjsConversionException($"Shard path '{relative}' leaves the model directory.");
            }
            using var shard = File.OpenRead(full);
            shard.CopyTo(buffer);
        }
        return buffer.ToArray();
    }

    private static TfjsWeight Decode(JsonElement spec, byte[] data, ref int offset)
    {
        var name = spec.GetProperty("name").GetString()!;
        var dtype = spec.GetProperty("dtype").GetString();
        var shape = spec.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
        var count = checked((int)shape.Aggregate(1L, (a, b) => a * b));

        if (spec.TryGetProperty("quantization", out var q))
        {
            var qtype = q.GetProperty("dtype").GetString();
            var bytesPer = qtype switch
            {
                "uint8" => 1,
                "uint16" or "float16" => 2,
                _ => throw new TfjsConversionException($"Weight '{name}' uses unsupported quantization '{qtype}'."),
            };
            var raw = Slice(data, ref offset, count * bytesPer, name);
            if (qtype == "float16")
            {
                if (dtype != "float32") throw new TfjsConversionException($"Weight '{name}': float16 quantization needs float32, not {dtype}.");
                var halves = new float[count];
                for (var i = 0; i < count; i++) halves[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(raw.Slice(i * 2, 2));
                return new TfjsWeight(name, shape, halves, null);
            }
            var scale = q.GetProperty("scale").GetDouble();
            var min = q.GetProperty("min").GetDouble();
            var levels = new double[count];
            for (var i = 0; i < count; i++)
            {
                double v = bytesPer == 1 ? raw[i] : BinaryPrimitives.ReadUInt16LittleEndian(raw.Slice(i * 2, 2));
                levels[i] = v * scale + min;
            }
            return dtype switch
            {
                "float32" => new TfjsWeight(name, shape, levels.Select(v => (float)v).ToArray(), null),
                // JavaScript's Math.round: halves go towards +infinity.
                "int32" => new TfjsWeight(name, shape, null, levels.Select(v => (int)Math.Floor(v + 0.5)).ToArray()),
                _ => throw new TfjsConversionException($"Weight '{name}' has unsupported dtype '{dtype}' with quantization."),
            };
        }

        var bytes = Slice(data, ref offset, count * 4, name);
        return dtype switch
        {
            "float32" => new TfjsWeight(name, shape, ReadFloats(bytes, count), null),
            "int32" => new TfjsWeight(name, shape, null, ReadInts(bytes, count)),
            _ => throw new TfjsConversionException($"Weight '{name}' has unsupported dtype '{dtype}'."),
        };
    }

    private static ReadOnlySpan<byte> Slice(byte[] data, ref int offset, int length, string name)
    {
        if (length < 0 || offset + length > data.Length)
        {
            throw new TfjsConversionException($"Weight '{name}' runs past the end of its shards (needs {length} bytes at {offset} of {data.Length}).");
        }
        var span = new ReadOnlySpan<byte>(data, offset, length);
        offset += length;
        return span;
    }

    private static float[] ReadFloats(ReadOnlySpan<byte> bytes, int count)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(i * 4, 4));
        return values;
    }

    private static int[] ReadInts(ReadOnlySpan<byte> bytes, int count)
    {
        var values = new int[count];
        for (var i = 0; i < count; i++) values[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(i * 4, 4));
        return values;
    }
}
