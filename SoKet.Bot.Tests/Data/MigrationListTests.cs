using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using SoKet.Bot.Data;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Data;

/// <summary>
/// The running bot takes its migrations from each provider's list (ListedMigrationsAssembly), while `dotnet ef`
/// finds them by searching the assembly. A migration added with `dotnet ef migrations add` and not listed would be
/// missing from every store the bot migrates: these tests fail, naming it, until it is listed.
/// </summary>
public sealed class MigrationListTests
{
    public static TheoryData<string> Providers => new() { StoreProvider.SqliteName, StoreProvider.PostgreSqlName };

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_providers_list_names_every_migration_and_the_snapshot_that_dotnet_ef_finds(string name)
    {
        var provider = StoreProvider.Find(name)!;
        var (found, snapshot) = FoundByEfCore(provider);
        var (types, listedSnapshot) = provider.MigrationTypes;
        var listed = types.Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id ?? t.Name).ToList();

        var missing = found.Except(listed).ToList();
        // The folder and the list are named after the context: Data/Migrations/Sqlite/SqliteMigrations.cs, …/PostgreSql/PostgreSqlMigrations.cs.
        var folder = provider.ContextType.Name.Replace("SoKetDbContext", "", StringComparison.Ordinal);
        Assert.True(missing.Count == 0, $"{name}: list {string.Join(", ", missing)} in SoKet.Bot/Data/Migrations/{folder}/{folder}Migrations.cs");
        Assert.Equal(found, listed);
        Assert.Equal(snapshot, listedSnapshot);
    }

    [Fact]
    [Trait("Category", "Store")]
    public async Task The_running_bot_applies_exactly_the_migrations_dotnet_ef_finds()
    {
        using var app = new BotApp();
        app.Start();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SoKetDbContext>();
        var (found, _) = FoundByEfCore(scope.ServiceProvider.GetRequiredService<ActiveStore>().Provider);

        Assert.Equal(found, db.Database.GetMigrations());
        Assert.Equal(found, await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    // A context made outside dependency injection keeps EF Core's own search of the assembly, as `dotnet ef` does.
    private static (List<string> Migrations, Type? Snapshot) FoundByEfCore(StoreProvider provider)
    {
        using var db = provider.CreateContext(provider == StoreProvider.Sqlite ? "Data Source=:memory:" : "Host=localhost;Database=soket_migration_check");
        var assembly = db.GetService<IMigrationsAssembly>();
        Assert.IsNotType<ListedMigrationsAssembly>(assembly);
        return (assembly.Migrations.Keys.ToList(), assembly.ModelSnapshot?.GetType());
    }
}
