using System.Globalization;

namespace SoKet.Bench.Turns;

/// <summary>"--name value", "--name=value" and bare "--flag" options; anything unknown is refused.</summary>
internal sealed class Options
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public Options(IEnumerable<string> args)
    {
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var arg = list[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
                throw new UsageException($"Unexpected argument «{arg}».");
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
                _values[arg[2..equals]] = arg[(equals + 1)..];
            else if (i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal))
                _values[arg[2..]] = list[++i];
            else
                _values[arg[2..]] = null;
        }
    }

    public string? String(string name)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out var value) ? value ?? throw new UsageException($"--{name} needs a value.") : null;
    }

    public int Int(string name, int fallback, int min = 1)
    {
        var text = String(name);
        if (text is null)
            return fallback;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw new UsageException($"--{name} must be a whole number ≥ {min}, not «{text}».");
    }

    public bool Flag(string name)
    {
        _read.Add(name);
        if (!_values.TryGetValue(name, out var value))
            return false;
        return value is null ? true : throw new UsageException($"--{name} takes no value.");
    }

    /// <summary>Call after reading every option: an option nobody asked for is a typo.</summary>
    public void RejectUnknown()
    {
        var unknown = _values.Keys.Where(k => !_read.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new UsageException($"Unknown option{(unknown.Count > 1 ? "s" : "")}: {string.Join(", ", unknown.Select(u => "--" + u))}.");
    }
}

internal sealed class UsageException(string message) : Exception(message);
