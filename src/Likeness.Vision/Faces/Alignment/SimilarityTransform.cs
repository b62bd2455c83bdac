namespace Likeness.Vision.Faces.Alignment;

/// <summary>
/// A 2-D similarity (rotation, uniform scale, translation): x' = A x - B y + Tx, y' = B x + A y + Ty,
/// where A = s cos θ and B = s sin θ. Coordinates are continuous pixels: pixel (i, j) covers
/// [i, i+1) x [j, j+1) and its centre is (i + 0.5, j + 0.5).
/// </summary>
public readonly record struct SimilarityTransform(double A, double B, double Tx, double Ty)
{
    /// <summary>The transform that leaves every point where it is.</summary>
    public static SimilarityTransform Identity => new(1, 0, 0, 0);

    /// <summary>The scale factor s.</summary>
    public double Scale => Math.Sqrt(A * A + B * B);

    /// <summary>The rotation θ in radians (counter-clockwise in a y-up frame, so clockwise on screen).</summary>
    public double Rotation => Math.Atan2(B, A);

    /// <summary>A transform from its scale, rotation (radians) and translation.</summary>
    public static SimilarityTransform Create(double scale, double rotation, double tx, double ty) =>
        new(scale * Math.Cos(rotation), scale * Math.Sin(rotation), tx, ty);

    /// <summary>Maps one point.</summary>
    public (double X, double Y) Apply(double x, double y) => (A * x - B * y + Tx, B * x + A * y + Ty);

    /// <summary>The transform that undoes this one; throws if the scale is zero.</summary>
    public SimilarityTransform Inverse()
    {
        var d = A * A + B * B;
        if (d == 0) throw new InvalidOperationException("A similarity transform with zero scale has no inverse.");
        var a = A / d;
        var b = -B / d;
        return new(a, b, -(a * Tx - b * Ty), -(b * Tx + a * Ty));
    }

    /// <summary>
    /// The least-squares similarity taking <paramref name="source"/> points onto <paramref name="target"/>
    /// (Umeyama 1991, "Least-squares estimation of transformation parameters between two point
    /// patterns", without reflection; the same estimate as skimage's SimilarityTransform that
    /// insightface aligns with).
    /// </summary>
    public static SimilarityTransform Estimate(IReadOnlyList<(double X, double Y)> source, IReadOnlyList<(double X, double Y)> target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        if (source.Count != target.Count) throw new ArgumentException($"{source.Count} source points but {target.Count} target points.", nameof(target));
        if (source.Count < 2) throw new ArgumentException("A similarity needs at least two point pairs.", nameof(source));

        var n = source.Count;
        double msx = 0, msy = 0, mtx = 0, mty = 0;
        for (var i = 0; i < n; i++)
        {
            msx += source[i].X; msy += source[i].Y; mtx += target[i].X; mty += target[i].Y;
        }
        msx /= n; msy /= n; mtx /= n; mty /= n;

        // In 2-D the Umeyama solution for a rotation without reflection reduces to these sums:
        // A = Σ(sx tx + sy ty) / Σ|s|², B = Σ(sx ty - sy tx) / Σ|s|² over centred points.
        double dot = 0, cross = 0, variance = 0;
        for (var i = 0; i < n; i++)
        {
            var sx = source[i].X - msx;
            var sy = source[i].Y - msy;
            var tx = target[i].X - mtx;
            var ty = target[i].Y - mty;
            dot += sx * tx + sy * ty;
            cross += sx * ty - sy * tx;
            variance += sx * sx + sy * sy;
        }
        if (variance == 0) throw new ArgumentException("The source points all coincide; no similarity is defined.", nameof(source));
        var a = dot / variance;
        var b = cross / variance;
        return new(a, b, mtx - (a * msx - b * msy), mty - (b * msx + a * msy));
    }
}
