using System.ComponentModel.DataAnnotations;

namespace SoKet.Bot.Data;

/// <summary>Section "Store".</summary>
public sealed class StoreOptions
{
    public const string Section = "Store";

    /// <summary>
    /// SQLite build: optional, empty = a file "soket.db" in <see cref="DataDirectory"/>.
    /// PostgreSQL build: required (Npgsql syntax, "Host=…;Database=…;Username=…;Password=…").
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

    /// <summary>How long processed activity ids are remembered for de-duplication.</summary>
    public TimeSpan ProcessedActivityRetention { get; set; } = TimeSpan.FromDays(2);
}
