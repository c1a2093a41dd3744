using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;

namespace SoKet.Bot.Data;

/// <summary>PostgreSQL's context: the shared model plus the column types PostgreSQL needs for dates and instants.</summary>
public sealed class PostgreSqlSoKetDbContext(DbContextOptions<PostgreSqlSoKetDbContext> options) : SoKetDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        ApplyColumnConventions(modelBuilder);
    }

    /// <summary>
    /// Instants ("…Utc") as timestamptz, always written as UTC whatever Kind the caller's DateTime has (Npgsql
    /// refuses non-UTC values there); calendar dates (Kind Unspecified, midnight) as date, so no time zone shifts them.
    /// </summary>
    private static void ApplyColumnConventions(ModelBuilder modelBuilder)
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

    // Internal, not private: the compiled model (CompiledModels/PostgreSql) calls it from its value converters.
    internal static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}

/// <summary>One database shared by several bot instances (a province or bloc deployment).</summary>
internal sealed class PostgreSqlStoreProvider : StoreProvider
{
    /// <summary>Any key the migration advisory lock is taken under; constant so every instance agrees on it.</summary>
    private const long MigrationLockKey = 0x536F4B65_74_4D6967; // "SoKet" "Mig"

    public override string Name => PostgreSqlName;

    public override Type ContextType => typeof(PostgreSqlSoKetDbContext);

    internal override (IReadOnlyList<Type> Migrations, Type Snapshot) MigrationTypes =>
        (Migrations.PostgreSql.PostgreSqlMigrations.All, Migrations.PostgreSql.PostgreSqlMigrations.Snapshot);

    public override string? Validate(StoreOptions store)
    {
        const string example = "e.g. \"Host=db.example;Port=5432;Database=soket;Username=soket;Password=…\"";
        if (string.IsNullOrWhiteSpace(store.ConnectionString))
            return $"Store:ConnectionString is required when Store:Provider is PostgreSQL, {example}.";
        try
        {
            return string.IsNullOrWhiteSpace(new NpgsqlConnectionStringBuilder(store.ConnectionString).Host)
                ? $"Store:ConnectionString names no server (Host=…), {example}."
                : null;
        }
        catch (ArgumentException ex)
        {
            return $"Store:ConnectionString is not a valid PostgreSQL connection string ({ex.Message}), {example}.";
        }
    }

    /// <summary>
    /// The pool size an instance keeps unless its connection string sets one. Npgsql's default (100) equals
    /// PostgreSQL's default max_connections (100, 3 of them reserved), so one busy instance — or two sharing the
    /// server — could ask for more than the server allows, and a turn then fails with 53300 "too many clients"
    /// (seen at 100 concurrent conversations) instead of waiting a moment for a pooled connection. A turn holds a
    /// connection only while it reads and commits, so 30 serve far more conversations than that.
    /// </summary>
    public const int DefaultMaxPoolSize = 30;

    /// <summary>
    /// How many statements each connection keeps prepared on the server unless the connection string says otherwise
    /// (Npgsql's default, 0, prepares nothing). A turn sends the same dozen statements every time; prepared, the
    /// server skips parsing and planning them, and a warm bot on PostgreSQL answered 326–331 turns/s instead of
    /// 183–217 (bench/README.md). Behind a PgBouncer in transaction mode older than 1.21, which cannot keep prepared
    /// statements, set "Max Auto Prepare=0".
    /// </summary>
    public const int DefaultMaxAutoPrepare = 64;

    public override string ResolveConnectionString(StoreOptions store, string contentRoot)
    {
        // Npgsql's own builder answers ContainsKey for any keyword it knows, set or not; the plain builder holds
        // exactly the keys the operator wrote (e.g. "Maximum Pool Size" or its synonym "MaxPoolSize", any case).
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = store.ConnectionString }
            .Keys.Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var resolved = new NpgsqlConnectionStringBuilder(store.ConnectionString);
        if (!written.Overlaps(["MaximumPoolSize", "MaxPoolSize"]))
            resolved.MaxPoolSize = DefaultMaxPoolSize;
        if (!written.Contains("MaxAutoPrepare"))
            resolved.MaxAutoPrepare = DefaultMaxAutoPrepare;
        return resolved.ConnectionString;
    }

    public override void Configure(DbContextOptionsBuilder options, string connectionString, StoreOptions store) =>
        options.UseNpgsql(connectionString);

    public override SoKetDbContext CreateContext(string connectionString, StoreOptions? store = null)
    {
        var options = new DbContextOptionsBuilder<PostgreSqlSoKetDbContext>();
        Configure(options, connectionString, store ?? new StoreOptions());
        return new PostgreSqlSoKetDbContext(options.Options);
    }

    public override async Task MigrateAsync(SoKetDbContext db, CancellationToken cancellationToken)
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
            await MigrateIfBehindAsync(db, cancellationToken);
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", lockConnection);
            release.Parameters.AddWithValue("key", MigrationLockKey);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    // 23505 unique violation, 40001 serialization failure, 40P01 deadlock: all resolved by running the turn again.
    protected override bool IsConflictError(Exception providerError) =>
        providerError is PostgresException { SqlState: "23505" or "40001" or "40P01" };

    public override string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
    }
}
