namespace Likeness.Evaluation;

/// <summary>Where evaluation data sets are looked for when no path is given: ../shared/data beside the checkout.</summary>
public static class EvaluationData
{
    public const string RootVariable = "LIKENESS_EVAL_DATA";

    /// <summary>$LIKENESS_EVAL_DATA, else the first ../shared/data found walking up from the working directory.</summary>
    public static string? FindRoot()
    {
        var fromEnv = Environment.GetEnvironmentVariable(RootVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv)) return Directory.Exists(fromEnv) ? fromEnv : null;
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>The named data set's folder, or an exception saying where it was looked for and how to point at it.</summary>
    public static string Require(string? explicitPath, string dataSet)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return Directory.Exists(explicitPath) ? explicitPath : throw new DirectoryNotFoundException($"No data set folder at {explicitPath}.");
        }
        var root = FindRoot();
        var path = root is null ? null : Path.Combine(root, dataSet);
        return path is not null && Directory.Exists(path)
            ? path
            : throw new DirectoryNotFoundException($"The {dataSet} data set was not found (looked in ${RootVariable} and ../shared/data); pass its folder explicitly.");
    }
}
