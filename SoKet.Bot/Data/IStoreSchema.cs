namespace SoKet.Bot.Data;

/// <summary>The provider-specific part of bringing the schema up to date (locks, journal modes).</summary>
public interface IStoreSchema
{
    /// <summary>Applies pending migrations; safe when several instances start at once.</summary>
    Task MigrateAsync(SoKetDbContext db, CancellationToken cancellationToken);
}
