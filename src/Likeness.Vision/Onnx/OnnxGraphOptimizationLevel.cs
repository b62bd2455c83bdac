namespace Likeness.Vision.Onnx;

/// <summary>ONNX Runtime's GraphOptimizationLevel (https://onnxruntime.ai/docs/performance/model-optimizations/graph-optimizations.html).</summary>
public enum OnnxGraphOptimizationLevel
{
    None = 0,
    Basic = 1,
    Extended = 2,
    All = 99,
}
