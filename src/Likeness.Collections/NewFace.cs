using Likeness.Vision.Faces.Analysis;
using Likeness.Vision.Faces.Quality;

namespace Likeness.Collections;

/// <summary>A face about to be stored: what ListFaces will report of it, and its embedding.</summary>
public sealed record NewFace(FaceBoundingBox BoundingBox, double Confidence, FaceQuality Quality, float[] Vector);
