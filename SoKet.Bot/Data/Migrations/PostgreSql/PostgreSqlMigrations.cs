namespace SoKet.Bot.Data.Migrations.PostgreSql;

/// <summary>
/// The PostgreSQL store's migrations, oldest first, and its snapshot: what the running bot applies
/// (<see cref="ListedMigrationsAssembly"/>). scripts/add-migration.sh lists a new migration here; MigrationListTests
/// fails, naming it, when one `dotnet ef` finds is missing.
/// </summary>
internal static class PostgreSqlMigrations
{
    public static readonly Type Snapshot = typeof(PostgreSqlSoKetDbContextModelSnapshot);

    public static readonly Type[] All =
    [
        typeof(Initial),
        typeof(TenantSendingLeases),
        typeof(RetentionAndFileOwners),
        typeof(SignIn),
        typeof(PendingReplies),
        typeof(EditorDrafts),
    ];
}
