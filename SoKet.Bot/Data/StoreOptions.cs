using System.ComponentModel.DataAnnotations;

namespace SoKet.Bot.Data;

/// <summary>Section "Store".</summary>
public sealed class StoreOptions
{
    public const string Section = "Store";

    /// <summary>
    /// SQLite connection string. Empty = a file "soket.db" in <see cref="DataDirectory"/>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The app's data folder (database, exports). Relative paths are under the content root.</summary>
    [Required]
    public string DataDirectory { get; set; } = "App_Data";

    /// <summary>Apply migrations on start (the default for the single-machine SQLite setup).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>How long processed activity ids are remembered for de-duplication.</summary>
    public TimeSpan ProcessedActivityRetention { get; set; } = TimeSpan.FromDays(2);
}
