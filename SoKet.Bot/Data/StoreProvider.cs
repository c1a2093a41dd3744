using Microsoft.EntityFrameworkCore;

namespace SoKet.Bot.Data;

/// <summary>
/// What differs between the two stores SoKet runs on: how a connection string is found and checked, how a
/// context is configured, and how the schema is brought up to date. Chosen at run time by Store:Provider.
/// </summary>
public abstract class StoreProvider
{
    public const string SqliteName = "SQLite";
    public const string PostgreSqlName = "PostgreSQL";

    public abstract string Name { get; }

    /// <summary>The context type whose migrations belong to this provider.</summary>
    public abstract Type ContextType { get; }

    /// <summary>This provider's migrations, oldest first, and its model snapshot (<see cref="ListedMigrationsAssembly"/>).</summary>
    internal abstract (IReadOnlyList<Type> Migrations, Type Snapshot) MigrationTypes { get; }

    /// <summary>Null when <paramref name="store"/> can run on this provider, else what is wrong, naming the setting.</summary>
    public abstract string? Validate(StoreOptions store);

    /// <summary>
    /// Applies the migrations the store lacks. A store already up to date (every start but the first after an
    /// upgrade) is left alone: EF Core's MigrateAsync would still build the snapshot's model and diff it against the
    /// current one, which was a third of the time to ready. That the model matches its migrations is checked by a
    /// test instead (StoreRoundTripTests).
    /// </summary>
    protected static async Task MigrateIfBehindAsync(SoKetDbContext db, CancellationToken cancellationToken)
    {
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
            await db.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>The connection string to use: the configured one, or the provider's default.</summary>
    public abstract string ResolveConnectionString(StoreOptions store, string contentRoot);

    /// <summary>Points <paramref name="options"/> at this provider with the settings SoKet relies on.</summary>
    public abstract void Configure(DbContextOptionsBuilder options, string connectionString, StoreOptions store);

    /// <summary>A context outside dependency injection (command line, tests).</summary>
    public abstract SoKetDbContext CreateContext(string connectionString, StoreOptions? store = null);

    /// <summary>Applies pending migrations; safe when several instances start at once.</summary>
    public abstract Task MigrateAsync(SoKetDbContext db, CancellationToken cancellationToken);

    /// <summary>
    /// True when a failed save lost a race with a concurrent writer (a version check, a unique key, a serialization
    /// failure): running the work again on what is now stored is the answer. Anything else (disk, network, a bug) is a
    /// failure, not a conflict.
    /// </summary>
    public bool IsConflict(Exception exception) =>
        exception is DbUpdateConcurrencyException || (exception is DbUpdateException { InnerException: { } inner } && IsConflictError(inner));

    protected abstract bool IsConflictError(Exception providerError);

    /// <summary>
    /// Saves changes whose loss in a power cut is harmless (bookkeeping the next turn can do without, never what a
    /// user was told is stored). Like every save they survive a killed process; the store may leave flushing them to
    /// disk to the next commit instead of waiting for the disk now. Throws as SaveChanges does.
    /// </summary>
    public virtual Task SaveDeferringFlushAsync(SoKetDbContext db, CancellationToken cancellationToken) =>
        db.SaveChangesAsync(cancellationToken);

    /// <summary>Where the data is, for messages to an operator (a file path or host/database), never a password.</summary>
    public abstract string Describe(string connectionString);

    public static StoreProvider Sqlite { get; } = new SqliteStoreProvider();

    public static StoreProvider PostgreSql { get; } = new PostgreSqlStoreProvider();

    /// <summary>The provider whose context type is <paramref name="contextType"/>, or null.</summary>
    internal static StoreProvider? ForContext(Type contextType) =>
        contextType == Sqlite.ContextType ? Sqlite : contextType == PostgreSql.ContextType ? PostgreSql : null;

    /// <summary>The provider named by Store:Provider (case-insensitive), or null for an unknown name.</summary>
    public static StoreProvider? Find(string? name) =>
        string.IsNullOrWhiteSpace(name) || string.Equals(name.Trim(), SqliteName, StringComparison.OrdinalIgnoreCase) ? Sqlite
        : string.Equals(name.Trim(), PostgreSqlName, StringComparison.OrdinalIgnoreCase)
          || string.Equals(name.Trim(), "Postgres", StringComparison.OrdinalIgnoreCase) ? PostgreSql
        : null;

    /// <summary>The provider of validated options (validation refuses unknown names at start).</summary>
    public static StoreProvider For(StoreOptions store) =>
        Find(store.Provider) ?? throw new InvalidOperationException(UnknownProviderMessage(store.Provider));

    internal static string UnknownProviderMessage(string? name) =>
        $"Store:Provider must be \"{SqliteName}\" or \"{PostgreSqlName}\", not \"{name}\".";
}
