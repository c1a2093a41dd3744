using Microsoft.Extensions.Logging.Console;
using SoKet.Bot.Data;

namespace SoKet.Bot.Cli;

/// <summary>What the commands that work on the bot's store share: the store configured exactly as the bot's, and its settings on the command line.</summary>
internal static class CliStore
{
    /// <summary>Only the store: nothing is served, no channel is configured, and logs go to stderr so stdout stays the result.</summary>
    public static WebApplication BuildHost(IReadOnlyList<string> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. settings] });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        // Bound to the console provider, this rule outranks the category levels of appsettings.json (SQL at Information).
        builder.Logging.AddFilter<ConsoleLoggerProvider>((_, level) => level >= LogLevel.Warning);
        builder.Services.AddStore(builder.Configuration);
        return builder.Build();
    }

    /// <summary>The first token that is not a setting (`--Key=value`, or `--Key` then its value), or null.</summary>
    public static string? Stray(IReadOnlyList<string> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!tokens[i].StartsWith("--", StringComparison.Ordinal))
                return tokens[i];
            if (!tokens[i].Contains('=', StringComparison.Ordinal) && i + 1 < tokens.Count && !tokens[i + 1].StartsWith("--", StringComparison.Ordinal))
                i++;
        }
        return null;
    }
}
