namespace SoKet.Bot.Cli;

internal static class CliPaths
{
    /// <summary>
    /// `dotnet run --project SoKet.Bot` starts the app in the project folder, not in the folder the command
    /// was typed in; the shell's PWD still names that folder, so a relative path is looked up there first.
    /// Always absolute and normalised (no `.`, `..` or doubled separators); symbolic links are left as they are.
    /// </summary>
    public static string Resolve(string path)
    {
        if (Path.IsPathRooted(path))
            return Path.GetFullPath(path);
        var shell = Environment.GetEnvironmentVariable("PWD");
        if (!string.IsNullOrEmpty(shell) && Path.IsPathRooted(shell))
        {
            var fromShell = Path.GetFullPath(path, shell);
            if (File.Exists(fromShell) || Directory.Exists(fromShell))
                return fromShell;
        }
        return Path.GetFullPath(path);
    }

    /// <summary>A file the command is to create: relative to the folder the command was typed in (the shell's PWD).</summary>
    public static string ResolveNew(string path)
    {
        if (Path.IsPathRooted(path))
            return Path.GetFullPath(path);
        var shell = Environment.GetEnvironmentVariable("PWD");
        return !string.IsNullOrEmpty(shell) && Path.IsPathRooted(shell) ? Path.GetFullPath(path, shell) : Path.GetFullPath(path);
    }
}
