namespace Likeness.Evaluation.Detection;

/// <summary>
/// The Wilson score interval for a proportion (Wilson 1927): unlike the normal approximation it stays
/// inside [0, 1] and is honest for small groups and rates near 0 or 1, as skin-type groups are.
/// </summary>
public readonly record struct WilsonInterval(double Lower, double Upper)
{
    /// <summary>The interval for <paramref name="successes"/> of <paramref name="trials"/>; z = 1.96 gives 95%. [0, 1] when there are no trials.</summary>
    public static WilsonInterval Of(int successes, int trials, double z = 1.96)
    {
        if (trials == 0) return new WilsonInterval(0, 1);
        double n = trials;
        var p = successes / n;
        var z2 = z * z;
        var centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        var half = z / (1 + z2 / n) * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new WilsonInterval(Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
