namespace Likeness.Bench;

/// <summary>Deterministic pseudo-random model inputs in [0, 1), the same values the peer script generates.</summary>
/// <remarks>
/// xorshift32 (Marsaglia 2003) with the top 24 bits scaled to [0, 1): the generator of
/// tools/reference-outputs/lib/fixture.mjs, repeated in bench/peer/tfjs-models.mjs, so the two sides run
/// the models on bit-identical inputs. The values do not change the work a convolution does, but
/// identical inputs rule out the question.
/// </remarks>
public static class ReferenceInput
{
    /// <summary>The seed the converter fixtures use too.</summary>
    public const uint Seed = 20240607;

    /// <summary><paramref name="count"/> floats in [0, 1) from <see cref="Seed"/>.</summary>
    public static float[] Create(int count)
    {
        var values = new float[count];
        var x = Seed;
        for (var i = 0; i < count; i++)
        {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            values[i] = (float)((x >> 8) / 16777216.0);
        }
        return values;
    }
}
