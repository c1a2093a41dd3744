using Microsoft.EntityFrameworkCore.Metadata;
using SoKet.Bot.Data;

namespace SoKet.Bot.CompiledModels;

/// <summary>
/// The store's models compiled ahead of time, one folder per provider, written by scripts/compile-models.sh (never
/// by hand). Building the model from OnModelCreating took about a third of a second of every start; the compiled
/// one loads at once. CompiledModelTests fail when an entity changed and the script was not run.
/// </summary>
public static class CompiledModelsServiceCollectionExtensions
{
    public static IServiceCollection AddCompiledStoreModels(this IServiceCollection services)
    {
#if !SOKET_NO_COMPILED_MODELS
        services.AddSingleton(new CompiledStoreModel(StoreProvider.SqliteName, () => Sqlite.SqliteSoKetDbContextModel.Instance));
        services.AddSingleton(new CompiledStoreModel(StoreProvider.PostgreSqlName, () => PostgreSql.PostgreSqlSoKetDbContextModel.Instance));
#endif
        return services;
    }

    /// <summary>The compiled model of <paramref name="provider"/>; null in the build the script itself makes.</summary>
    internal static IModel? For(string provider) => provider switch
    {
#if SOKET_NO_COMPILED_MODELS
        _ => null,
#else
        StoreProvider.SqliteName => Sqlite.SqliteSoKetDbContextModel.Instance,
        StoreProvider.PostgreSqlName => PostgreSql.PostgreSqlSoKetDbContextModel.Instance,
        _ => null,
#endif
    };
}
