using System.ComponentModel.DataAnnotations;

namespace SoKet.Bot.Data;

/// <summary>Section "Store".</summary>
public sealed class StoreOptions
{
    public const string Section = "Store";

    /// <summary>
    /// "SQLite" (default: one file, one machine) or "PostgreSQL" (one database shared by several instances).
    /// Chosen at run time; the same build runs either.
    /// </summary>
    public string Provider { get; set; } = StoreProvider.SqliteName;

    /// <summary>
    /// SQLite: optional, empty = a file "soket.db" in <see cref="DataDirectory"/>.
    /// PostgreSQL: required (Npgsql syntax, "Host=…;Database=…;Username=…;Password=…").
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The app's data folder (database, exports). Relative paths are under the content root.</summary>
    [Required]
    public string DataDirectory { get; set; } = "App_Data";

    /// <summary>
    /// Apply migrations on start. On PostgreSQL this runs under an advisory lock, so several instances
    /// may start together; set false when a deployment step migrates instead.
    /// </summary>
    public bool MigrateOnStart { get; set; } = true;

    public SqliteStoreOptions Sqlite { get; set; } = new();
}

/// <summary>Section "Store:Sqlite": how the embedded database trades durability for speed.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>
    /// PRAGMA synchronous in WAL mode. Full (default): every commit is flushed to disk before the bot answers,
    /// so an acknowledged draft survives a power cut as well as a killed process. Normal: commits are flushed
    /// at checkpoints only; a killed process (kill -9, crash) still loses nothing, but a power cut or OS crash
    /// may roll back the last commits (the file stays consistent). Offices run on machines without UPS often
    /// enough that Full is the default.
    /// </summary>
    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>
    /// How long a statement waits for another process's write lock (PRAGMA busy_timeout) before failing.
    /// Within one bot process writers queue on an async gate and never wait here.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

public enum SqliteSynchronous { Full, Normal }
