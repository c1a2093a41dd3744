#if STORE_POSTGRESQL
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;

namespace SoKet.Bot.Data;

/// <summary>The PostgreSQL flavour (-p:StoreProvider=PostgreSQL): several instances share one database.</summary>
internal static class StoreProvider
{
    public const string Name = "PostgreSQL";

    public const string MissingConnectionStringMessage =
        "Store:ConnectionString is required in the PostgreSQL build, e.g. \"Host=db.example;Port=5432;Database=soket;Username=soket;Password=…\".";

    /// <summary>Any key the store advisory lock is taken under; constant so every instance agrees on it.</summary>
    private const long MigrationLockKey = 0x536F4B65_74_4D6967; // "SoKet" "Mig"

    public static bool IsConfigured(StoreOptions store)
    {
        if (string.IsNullOrWhiteSpace(store.ConnectionString))
            return false;
        try
        {
            return !string.IsNullOrWhiteSpace(new NpgsqlConnectionStringBuilder(store.ConnectionString).Host);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString);

    public static string ResolveConnectionString(StoreOptions store, string contentRoot) => store.ConnectionString!;

    /// <summary>
    /// Column types both providers agree on: instants ("…Utc") as timestamptz, always written as UTC
    /// whatever Kind the caller's DateTime has (Npgsql refuses non-UTC values there); calendar dates
    /// (Kind Unspecified, midnight) as date, so no time zone shifts them.
    /// </summary>
    public static void ApplyModelConventions(ModelBuilder modelBuilder)
    {
        var toUtc = new ValueConverter<DateTime, DateTime>(v => AsUtc(v), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        foreach (var property in entity.GetProperties().Where(p => p.ClrType == typeof(DateTime) || p.ClrType == typeof(DateTime?)))
        {
            if (property.Name.EndsWith("Utc", StringComparison.Ordinal))
            {
                property.SetColumnType("timestamp with time zone");
                property.SetValueConverter(toUtc); // EF lifts it to DateTime? itself
            }
            else
            {
                property.SetColumnType("date");
            }
        }
    }

    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    internal sealed class Schema : IStoreSchema
    {
        public async Task MigrateAsync(SoKetDbContext db, CancellationToken cancellationToken)
        {
            // Instances behind a load balancer often start together: a session-level advisory lock on a
            // connection of its own lets one migrate while the others wait, then find nothing to do.
            // EF Core 10 also locks its history table; this keeps the guarantee independent of that.
            var connectionString = db.Database.GetConnectionString()!;
            await using var lockConnection = new NpgsqlConnection(connectionString);
            await lockConnection.OpenAsync(cancellationToken);
            await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", lockConnection))
            {
                take.Parameters.AddWithValue("key", MigrationLockKey);
                await take.ExecuteNonQueryAsync(cancellationToken);
            }
            try
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
            finally
            {
                await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", lockConnection);
                release.Parameters.AddWithValue("key", MigrationLockKey);
                await release.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
    }
}
#endif
