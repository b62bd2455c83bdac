namespace Likeness.Cli;

/// <summary>Verbs and --options of one invocation; --name value and --flag forms only.</summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private CliArguments(List<string> positional, IReadOnlyList<string> raw)
    {
        Positional = positional;
        Raw = raw;
    }

    public IReadOnlyList<string> Positional { get; }

    /// <summary>The arguments as given, for reports that print the command reproducing them.</summary>
    public IReadOnlyList<string> Raw { get; }

    public static CliArguments Parse(IReadOnlyList<string> args, IReadOnlySet<string> flags)
    {
        var positional = new List<string>();
        var parsed = new CliArguments(positional, args.ToList());
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(arg);
                continue;
            }
            var name = arg[2..];
            string? value = null;
            var eq = name.IndexOf('=');
            if (eq >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }
            else if (!flags.Contains(name))
            {
                if (i + 1 >= args.Count) throw new CliUsageException($"--{name} needs a value.");
                value = args[++i];
            }
            parsed._options[name] = value;
        }
        return parsed;
    }

    public string? Option(string name)
    {
        _read.Add(name);
        return _options.GetValueOrDefault(name);
    }

    public bool Flag(string name)
    {
        _read.Add(name);
        return _options.ContainsKey(name);
    }

    /// <summary>Refuses options no command asked for, so a typo is an error instead of being ignored.</summary>
    public void RejectUnknownOptions()
    {
        var unknown = _options.Keys.Where(k => !_read.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0) throw new CliUsageException($"Unknown option --{unknown[0]}; see `likeness help`.");
    }
}
