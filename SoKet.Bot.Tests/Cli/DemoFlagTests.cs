using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Cli;

/// <summary>`dotnet run --project SoKet.Bot -- --demo`, run as the real program: the bot starts (it is not a command) with the demo campaign.</summary>
public sealed class DemoFlagTests
{
    [Fact]
    public async Task The_demo_flag_starts_the_bot_with_the_demo_campaign()
    {
        using var folder = new TempFolder();
        var database = Path.Combine(folder.Path, "soket.db");
        var environment = new Dictionary<string, string> { ["Store__ConnectionString"] = $"Data Source={database}" };

        using var bot = BotProcess.Start(folder.Path, environment, "--demo", "--urls", "http://127.0.0.1:0");
        // Drained as it comes: a bot blocked on a full pipe would never seed.
        var log = new StringBuilder();
        bot.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        bot.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        bot.BeginOutputReadLine();
        bot.BeginErrorReadLine();
        try
        {
            var code = await WaitForCampaignAsync(database, bot, log, TimeSpan.FromMinutes(1));
            Assert.Equal("125-KH/ThU", code);
            Assert.False(bot.HasExited, "the bot must keep running after seeding the demo");
        }
        finally
        {
            if (!bot.HasExited)
                bot.Kill(entireProcessTree: true);
            await bot.WaitForExitAsync();
            SqliteConnection.ClearAllPools();
        }
    }

    private static async Task<string?> WaitForCampaignAsync(string database, Process bot, StringBuilder log, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !bot.HasExited)
        {
            if (File.Exists(database))
            {
                try
                {
                    await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
                    await connection.OpenAsync();
                    await using var command = connection.CreateCommand();
                    command.CommandText = "SELECT c.Code FROM Campaigns c WHERE EXISTS (SELECT 1 FROM Units u WHERE u.CampaignId = c.Id)";
                    if (await command.ExecuteScalarAsync() is string code)
                        return code;
                }
                catch (SqliteException)
                {
                    // The schema is still being created.
                }
            }
            await Task.Delay(250);
        }
        lock (log)
            Assert.Fail((bot.HasExited ? $"The bot exited with {bot.ExitCode}." : "No demo campaign within the time limit.") + "\n" + log);
        return null;
    }
}
