namespace SoKet.Bot.Data;

/// <summary>
/// Whether two paths name the same file, however each is spelled: the path is made absolute and normalised (`.`,
/// `..` and doubled separators, as <see cref="Path.GetFullPath(string)"/> does), then every symbolic link along it
/// (the file itself or any folder above it) is resolved. A restore must not take the live store for its own backup
/// under another spelling. Hard links (two names of one file) are not told apart.
/// </summary>
public static class FileIdentity
{
    /// <summary>More links than this on one path is a loop (Linux gives up at 40 too).</summary>
    private const int MaxLinks = 40;

    /// <summary>Case-insensitive file systems are the default on Windows and macOS.</summary>
    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    public static bool Same(string first, string second) =>
        string.Equals(RealPath(first), RealPath(second), PathComparison);

    /// <summary>
    /// The absolute path with every symbolic link resolved, like realpath(3); parts that do not exist are kept as
    /// written (normalised). Relative paths are taken from the current folder.
    /// </summary>
    public static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var remaining = new Queue<string>(Parts(full[root.Length..]));
        var current = root;
        var links = 0;
        while (remaining.TryDequeue(out var part))
        {
            var next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            string? target;
            try
            {
                target = info.LinkTarget;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                target = null;
            }
            if (target is null)
            {
                current = next;
                continue;
            }
            if (++links > MaxLinks)
                throw new IOException($"Too many levels of symbolic links in {path}.");
            // A relative target is relative to the folder holding the link; what it names is walked again.
            var resolved = Path.GetFullPath(target, current);
            var rest = remaining.ToList();
            root = Path.GetPathRoot(resolved)!;
            remaining = new Queue<string>(Parts(resolved[root.Length..]).Concat(rest));
            current = root;
        }
        return current;
    }

    private static string[] Parts(string relative) =>
        relative.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
}
