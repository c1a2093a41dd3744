using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;

namespace SoKet.Bot.Data;

/// <summary>The store this process runs on: the provider Store:Provider named and its resolved connection string.</summary>
public sealed class ActiveStore(StoreProvider provider, string connectionString, StoreOptions options)
{
    public StoreProvider Provider { get; } = provider;

    public string ConnectionString { get; } = connectionString;

    public StoreOptions Options { get; } = options;

    /// <summary>Where the data is, for an operator (file path or host/database), never a password.</summary>
    public string Description => Provider.Describe(ConnectionString);

    /// <summary>A context outside the request scope (command line, background copy).</summary>
    public SoKetDbContext CreateContext() => Provider.CreateContext(ConnectionString, Options);
}

/// <summary>
/// Registers the store: SQLite by default, PostgreSQL with Store:Provider=PostgreSQL and Store:ConnectionString
/// (see README, "Store"). Everything else asks for <see cref="SoKetDbContext"/> and never knows which one runs.
/// </summary>
public static class StoreServiceCollectionExtensions
{
    public static IServiceCollection AddStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StoreOptions>()
            .Bind(configuration.GetSection(StoreOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>();

        services.AddSingleton(sp =>
        {
            var store = sp.GetRequiredService<IOptions<StoreOptions>>().Value;
            var provider = StoreProvider.For(store);
            return new ActiveStore(provider, provider.ResolveConnectionString(store, sp.GetRequiredService<IHostEnvironment>().ContentRootPath), store);
        });

        services.AddSingleton<StoreInstanceGuard>();
        services.AddHostedService(sp => sp.GetRequiredService<StoreInstanceGuard>());

        // Both context types are registered (pooled: a turn rents a context instead of building one); the active
        // provider's is the one handed out as SoKetDbContext.
        services.AddDbContextPool<SqliteSoKetDbContext>(Configure);
        services.AddDbContextPool<PostgreSqlSoKetDbContext>(Configure);
        services.AddScoped<SoKetDbContext>(sp => (SoKetDbContext)sp.GetRequiredService(sp.GetRequiredService<ActiveStore>().Provider.ContextType));
        return services;
    }

    private static void Configure(IServiceProvider sp, DbContextOptionsBuilder options)
    {
        var store = sp.GetRequiredService<ActiveStore>();
        store.Provider.Configure(options, store.ConnectionString, store.Options);
        // The running bot's contexts use the model compiled ahead of time when the app registered one (Program.cs,
        // AddCompiledStoreModels); contexts made outside dependency injection (command line, `dotnet ef`) build theirs.
        if (sp.GetServices<CompiledStoreModel>().FirstOrDefault(m => m.Provider == store.Provider.Name) is { } compiled)
            options.UseModel(compiled.Model);
        // They find their migrations in the provider's list rather than by walking every type of the app.
        options.ReplaceService<IMigrationsAssembly, ListedMigrationsAssembly>();
        // Interceptors other parts register (telemetry, or a test's fault injection) apply to whichever provider runs.
        if (sp.GetServices<IInterceptor>().ToArray() is { Length: > 0 } interceptors)
            options.AddInterceptors(interceptors);
    }

    /// <summary>Creates or migrates the schema on start unless Store:MigrateOnStart is false.</summary>
    public static async Task MigrateStoreAsync(this WebApplication app)
    {
        // Reading the options validates them: a wrong Store:* setting stops the bot here, naming the setting.
        var store = app.Services.GetRequiredService<ActiveStore>();
        app.Services.GetRequiredService<StoreInstanceGuard>().Acquire();
        if (!store.Options.MigrateOnStart)
            return;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SoKetDbContext>();
        await store.Provider.MigrateAsync(db, app.Lifetime.ApplicationStopping);
    }

    /// <summary>Messages that name the setting and say what is expected.</summary>
    private sealed class StoreOptionsValidator : IValidateOptions<StoreOptions>
    {
        public ValidateOptionsResult Validate(string? name, StoreOptions options)
        {
            if (StoreProvider.Find(options.Provider) is not { } provider)
                return ValidateOptionsResult.Fail(StoreProvider.UnknownProviderMessage(options.Provider));
            if (options.Sqlite.BusyTimeout < TimeSpan.Zero)
                return ValidateOptionsResult.Fail("Store:Sqlite:BusyTimeout must not be negative.");
            return provider.Validate(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
        }
    }
}

/// <summary>
/// Holds the SQLite store's shared <see cref="SqliteInstanceLock"/> from the first use of the store (migration) until
/// the process stops, so `restore` cannot replace the file under this process. Nothing to hold on PostgreSQL
/// (restores there go through pg_restore, which a running server arbitrates).
/// </summary>
public sealed class StoreInstanceGuard(ActiveStore store) : IHostedService, IDisposable
{
    private readonly Lock _gate = new();
    private SqliteInstanceLock? _lock;

    public void Acquire()
    {
        if (store.Provider != StoreProvider.Sqlite)
            return;
        var path = store.Description;
        if (string.IsNullOrEmpty(path) || path == ":memory:" || path.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            return;
        lock (_gate)
        {
            if (_lock is not null)
                return;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            try
            {
                _lock = SqliteInstanceLock.Shared(Path.GetFullPath(path));
            }
            catch (IOException ex)
            {
                throw new InvalidOperationException($"The SQLite store {path} is being restored (`restore` holds it); start the bot once the restore has finished.", ex);
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Acquire();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        lock (_gate)
        {
            _lock?.Dispose();
            _lock = null;
        }
    }
}
