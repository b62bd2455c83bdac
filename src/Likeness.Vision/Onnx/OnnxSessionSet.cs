using Likeness.Models.Assets;

namespace Likeness.Vision.Onnx;

/// <summary>
/// Sessions of installed models opened by catalog name for one owner, which disposes them together: what a pipeline
/// built from the default models holds, and what it disposes if building it fails halfway.
/// </summary>
public sealed class OnnxSessionSet(OnnxRuntime runtime, InstalledAssets assets) : IDisposable
{
    private readonly List<OnnxSession> _sessions = [];

    /// <summary>A new session of <paramref name="model"/>, its file verified against its pin; this set disposes it.</summary>
    public OnnxSession Open(string model)
    {
        var session = runtime.OpenSession(assets.Model(model));
        _sessions.Add(session);
        return session;
    }

    public void Dispose()
    {
        foreach (var session in _sessions) session.Dispose();
        _sessions.Clear();
    }
}
