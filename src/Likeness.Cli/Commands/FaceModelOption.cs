using Likeness.Collections;

namespace Likeness.Cli.Commands;

/// <summary>`--face-model VERSION`, shared by `serve` and the collection verbs: which face model collections are used with.</summary>
public static class FaceModelOption
{
    /// <summary>The model named by the option's value; <see cref="FaceModel.Default"/> when it is absent.</summary>
    public static FaceModel Parse(string? value)
    {
        if (value is null) return FaceModel.Default;
        return FaceModel.TryFind(value) ?? throw new CliUsageException(
            $"--face-model takes {string.Join(" or ", FaceModel.All.Select(m => m.Version))} (the default, {FaceModel.Default.Version}), not '{value}'; " +
            "1.0 serves collections indexed before 2026-12-07 until they are re-indexed.");
    }
}
