using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Data;

namespace SoKet.Bot.Reminders.Outbox;

/// <summary>Runs a provider's claim statement on the context's connection and reads the ids it returns (EF Core 6 has no SqlQuery&lt;T&gt;).</summary>
internal static class ClaimQuery
{
    public static async Task<IReadOnlyList<long>> ReadIdsAsync(SoKetDbContext db, string sql, IReadOnlyList<(string Name, object Value)> parameters, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
            await connection.OpenAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
                Add(command, name, value);
            var ids = new List<long>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                ids.Add(reader.GetInt64(0));
            return ids;
        }
        finally
        {
            if (opened)
                await connection.CloseAsync();
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
