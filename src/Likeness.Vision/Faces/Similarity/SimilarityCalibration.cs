using System.Text.Json;
using Likeness.Vision.Faces.Embedding;

namespace Likeness.Vision.Faces.Similarity;

/// <summary>
/// Turns one model's raw comparison score into Rekognition's 0-100 Similarity such that a threshold
/// stands for a measured false-match rate (FMR): the table says, for each Similarity, the raw score at
/// which that fraction of impostor pairs still scored as high (docs/THRESHOLDS.md).
/// </summary>
/// <remarks>
/// Between rows, Similarity is linear in the raw score and log10(FMR) is linear in Similarity, which is
/// exact for the shipped mapping (10 points of Similarity per decade of FMR) and monotone for any table.
/// </remarks>
public sealed class SimilarityCalibration
{
    private const string ResourceSuffix = ".calibration.json";
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private static readonly Lazy<SimilarityCalibration> DefaultLazy = new(() => ForModel(FaceEmbedderSpec.Default.ModelId));
    private readonly SimilarityCalibrationPoint[] _points;

    /// <summary>Checks and wraps a table: at least two rows, Similarity and raw score strictly increasing, rates in (0, 1] and not increasing.</summary>
    public SimilarityCalibration(SimilarityCalibrationTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrWhiteSpace(table.ModelId);
        var points = table.Points?.ToArray() ?? [];
        if (points.Length < 2) throw new ArgumentException("A calibration table needs at least two rows.", nameof(table));
        for (var i = 0; i < points.Length; i++)
        {
            var p = points[i];
            if (p.Similarity is < 0 or > 100 || !(p.FalseMatchRate is > 0 and <= 1) || !double.IsFinite(p.RawScore))
            {
                throw new ArgumentException($"Row {i} of the {table.ModelId} calibration is out of range: {p}.", nameof(table));
            }
            if (i > 0 && (p.Similarity <= points[i - 1].Similarity || p.RawScore <= points[i - 1].RawScore || p.FalseMatchRate > points[i - 1].FalseMatchRate))
            {
                throw new ArgumentException($"The {table.ModelId} calibration is not monotone at row {i}: {points[i - 1]} then {p}.", nameof(table));
            }
        }
        Table = table;
        _points = points;
    }

    /// <summary>The table this calibration reads.</summary>
    public SimilarityCalibrationTable Table { get; }

    /// <summary>The embedder whose scores this maps; embeddings of any other are refused.</summary>
    public string ModelId => Table.ModelId;

    /// <summary>The lowest Similarity whose rate was measured rather than extrapolated (100 if every row was measured).</summary>
    public double HighestMeasuredSimilarity => _points.LastOrDefault(p => !p.Extrapolated)?.Similarity ?? _points[0].Similarity;

    /// <summary>The shipped calibration of the default embedder (<see cref="FaceEmbedderSpec.Default"/>).</summary>
    public static SimilarityCalibration Default => DefaultLazy.Value;

    /// <summary>The calibration shipped for <paramref name="modelId"/>; throws when none was fitted for exactly that model and crop.</summary>
    public static SimilarityCalibration ForModel(string modelId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        var modelName = modelId.Split('/')[0];
        var resource = $"{typeof(SimilarityCalibration).Namespace}.{modelName}{ResourceSuffix}";
        using var stream = typeof(SimilarityCalibration).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"No similarity calibration ships for {modelId}; only calibrated models can report Similarity (docs/THRESHOLDS.md).");
        var calibration = new SimilarityCalibration(Read(stream));
        if (!string.Equals(calibration.ModelId, modelId, StringComparison.Ordinal))
        {
            // Same network, different crop or mirror setting: its scores are distributed differently.
            throw new InvalidOperationException($"The shipped calibration is for {calibration.ModelId}, not {modelId}; refit it for that crop.");
        }
        return calibration;
    }

    /// <summary>Reads a table from JSON.</summary>
    public static SimilarityCalibrationTable Read(Stream json) =>
        JsonSerializer.Deserialize<SimilarityCalibrationTable>(json, JsonOptions) ?? throw new InvalidDataException("The calibration file is empty.");

    /// <summary>Writes a table as indented JSON.</summary>
    public static string Write(SimilarityCalibrationTable table) => JsonSerializer.Serialize(table, JsonOptions);

    /// <summary>The Similarity (0-100) of a raw score: 0 below the table's first row, 100 above its last.</summary>
    public double Similarity(double rawScore)
    {
        if (double.IsNaN(rawScore)) throw new ArgumentException("The raw score is NaN.", nameof(rawScore));
        if (rawScore <= _points[0].RawScore) return _points[0].Similarity;
        if (rawScore >= _points[^1].RawScore) return _points[^1].Similarity;
        var i = Segment(p => p.RawScore, rawScore);
        var (a, b) = (_points[i], _points[i + 1]);
        return a.Similarity + (b.Similarity - a.Similarity) * (rawScore - a.RawScore) / (b.RawScore - a.RawScore);
    }

    /// <summary>The Similarity of two embeddings; refuses embeddings of another model than the table's.</summary>
    public double Similarity(FaceEmbedding a, FaceEmbedding b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!string.Equals(a.ModelId, ModelId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"This calibration is for {ModelId}; embeddings of {a.ModelId} score on another scale.", nameof(a));
        }
        return Similarity(FaceSimilarity.Compare(a, b));
    }

    /// <summary>The raw score at which Similarity reaches <paramref name="similarity"/> (the inverse of <see cref="Similarity(double)"/>, clamped to 0-100).</summary>
    public double RawScore(double similarity)
    {
        var s = Clamp(similarity);
        if (s <= _points[0].Similarity) return _points[0].RawScore;
        if (s >= _points[^1].Similarity) return _points[^1].RawScore;
        var i = Segment(p => p.Similarity, s);
        var (a, b) = (_points[i], _points[i + 1]);
        return a.RawScore + (b.RawScore - a.RawScore) * (s - a.Similarity) / (b.Similarity - a.Similarity);
    }

    /// <summary>
    /// The fraction of impostor comparisons (one probe against one face of someone else) that reach
    /// Similarity <paramref name="threshold"/>; see <see cref="IsExtrapolated"/> for whether it was measured.
    /// </summary>
    public double EstimatedFalseMatchRate(double threshold)
    {
        var s = Clamp(threshold);
        if (s <= _points[0].Similarity) return _points[0].FalseMatchRate;
        if (s >= _points[^1].Similarity) return _points[^1].FalseMatchRate;
        var i = Segment(p => p.Similarity, s);
        var (a, b) = (_points[i], _points[i + 1]);
        var t = (s - a.Similarity) / (b.Similarity - a.Similarity);
        return Math.Pow(10, Math.Log10(a.FalseMatchRate) + t * (Math.Log10(b.FalseMatchRate) - Math.Log10(a.FalseMatchRate)));
    }

    /// <summary>
    /// How many false matches one probe is expected to return from a gallery of
    /// <paramref name="galleryFaces"/> faces of other people at this threshold: FMR × N.
    /// </summary>
    public double ExpectedFalseMatches(double threshold, long galleryFaces)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(galleryFaces);
        return EstimatedFalseMatchRate(threshold) * galleryFaces;
    }

    /// <summary>Whether the rate at <paramref name="threshold"/> rests on the table's tail model rather than on counted impostors.</summary>
    public bool IsExtrapolated(double threshold) => Clamp(threshold) > HighestMeasuredSimilarity;

    private static double Clamp(double similarity)
    {
        if (double.IsNaN(similarity)) throw new ArgumentException("The similarity is NaN.", nameof(similarity));
        return Math.Clamp(similarity, 0, 100);
    }

    // The i with key(points[i]) <= value < key(points[i + 1]); callers have excluded both ends.
    private int Segment(Func<SimilarityCalibrationPoint, double> key, double value)
    {
        int lo = 0, hi = _points.Length - 1;
        while (hi - lo > 1)
        {
            var mid = (lo + hi) / 2;
            if (key(_points[mid]) <= value) lo = mid;
            else hi = mid;
        }
        return lo;
    }
}
