using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace SoKet.Bot.Data;

/// <summary>
/// Where the running bot's contexts find their migrations: the provider's list (<see cref="StoreProvider.MigrationTypes"/>)
/// instead of EF Core's search of the assembly. That search walks every type of the app, so each start loaded the
/// OpenAI and MSAL assemblies and every SoKet type before the store was checked, and every readiness probe walked
/// them again (bench/README.md, "Figures (2026-12-07, late night)"). EF Core has no option for it; this is its
/// <see cref="IMigrationsAssembly"/> service, replaced for contexts made by dependency injection only, so
/// `dotnet ef` and the command line keep EF Core's own search (MigrationListTests checks that both find the same).
/// </summary>
internal sealed class ListedMigrationsAssembly(ICurrentDbContext currentContext, IMigrationsIdGenerator idGenerator) : IMigrationsAssembly
{
    private static readonly ConcurrentDictionary<Type, Listed> ByContext = new();

    private readonly Listed _listed = ByContext.GetOrAdd(currentContext.Context.GetType(), List);
    private ModelSnapshot? _snapshot;

    public IReadOnlyDictionary<string, TypeInfo> Migrations => _listed.Migrations;

    public ModelSnapshot ModelSnapshot => _snapshot ??= (ModelSnapshot)Activator.CreateInstance(_listed.Snapshot)!;

    public Assembly Assembly => _listed.Snapshot.Assembly;

    public string? FindMigrationId(string nameOrId)
    {
        var byId = idGenerator.IsValidId(nameOrId);
        return Migrations.Keys.FirstOrDefault(id => string.Equals(byId ? id : idGenerator.GetName(id), nameOrId, StringComparison.OrdinalIgnoreCase));
    }

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        var migration = (Migration)Activator.CreateInstance(migrationClass.AsType())!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }

    private sealed record Listed(SortedList<string, TypeInfo> Migrations, Type Snapshot);

    // A listed type that is not one of the context's migrations stops the start, naming it: applying the wrong
    // provider's schema would be worse than not starting.
    private static Listed List(Type contextType)
    {
        var provider = StoreProvider.ForContext(contextType)
            ?? throw new InvalidOperationException($"No store provider has the context {contextType.Name}.");
        var (types, snapshot) = provider.MigrationTypes;
        var migrations = new SortedList<string, TypeInfo>(StringComparer.Ordinal);
        foreach (var type in types)
        {
            if (!type.IsSubclassOf(typeof(Migration)) || ContextOf(type) != contextType
                || type.GetCustomAttribute<MigrationAttribute>()?.Id is not { } id)
                throw new InvalidOperationException($"{type.FullName} is listed as a migration of {contextType.Name} but is not one.");
            migrations.Add(id, type.GetTypeInfo());
        }
        if (!snapshot.IsSubclassOf(typeof(ModelSnapshot)) || ContextOf(snapshot) != contextType)
            throw new InvalidOperationException($"{snapshot.FullName} is listed as the model snapshot of {contextType.Name} but is not one.");
        return new Listed(migrations, snapshot);
    }

    private static Type? ContextOf(Type type) => type.GetCustomAttribute<DbContextAttribute>(inherit: false)?.ContextType;
}
