using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using SoKet.Bot.CompiledModels;
using SoKet.Bot.Data;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Data;

/// <summary>
/// The running bot uses the models compiled ahead of time in CompiledModels (a faster start). They must say
/// exactly what OnModelCreating says: an entity, a column, an index or a converter changed without writing them
/// again would make the bot read and write the store by an old model.
/// </summary>
public sealed class CompiledModelTests
{
    public static TheoryData<string> Providers => new() { StoreProvider.SqliteName, StoreProvider.PostgreSqlName };

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_compiled_model_matches_the_model_built_from_OnModelCreating(string name)
    {
        var provider = StoreProvider.Find(name)!;
        // Contexts made outside dependency injection build their model; nothing connects.
        using var db = provider.CreateContext(name == StoreProvider.SqliteName ? "Data Source=:memory:" : "Host=localhost;Database=soket_model_check");
        var model = db.GetService<IDesignTimeModel>().Model;
        var compiledModel = CompiledModelsServiceCollectionExtensions.For(name)!;
        // Entities, properties, keys, relationships and indexes…
        var built = model.ToDebugString(MetadataDebugStringOptions.ShortDefault);
        var compiled = compiledModel.ToDebugString(MetadataDebugStringOptions.ShortDefault);
        // …and the tables, columns, keys and indexes they map to.
        var builtSchema = Schema(model);
        var compiledSchema = Schema(compiledModel);
        Assert.True(builtSchema == compiledSchema,
            $"CompiledModels is out of date for {name}: run scripts/compile-models.sh.\nFirst difference: {FirstDifference(builtSchema, compiledSchema)}");
        Assert.True(built == compiled,
            $"CompiledModels is out of date for {name}: run scripts/compile-models.sh.\nFirst difference: {FirstDifference(built, compiled)}");
    }

    [Fact]
    [Trait("Category", "Store")]
    public void The_running_bots_contexts_use_the_compiled_model()
    {
        using var app = new BotApp();
        app.Start();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SoKetDbContext>();
        var active = scope.ServiceProvider.GetRequiredService<ActiveStore>();
        var compiled = CompiledModelsServiceCollectionExtensions.For(active.Provider.Name);
        Assert.NotNull(compiled);
        Assert.Same(compiled, db.Model);
    }

    private static string Schema(IModel model) => string.Join('\n', model.GetRelationalModel().Tables.OrderBy(t => t.Name, StringComparer.Ordinal).SelectMany(t =>
        t.Columns.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => $"{t.Name}.{c.Name} {c.StoreType}{(c.IsNullable ? " null" : "")}")
            .Concat(t.UniqueConstraints.Select(k => $"{t.Name} key {k.Name} ({string.Join(", ", k.Columns.Select(c => c.Name))})"))
            .Concat(t.Indexes.Select(i => $"{t.Name} index {i.Name} ({string.Join(", ", i.Columns.Select(c => c.Name))}){(i.IsUnique ? " unique" : "")}{(i.Filter is { } f ? " where " + f : "")}"))
            .Concat(t.ForeignKeyConstraints.Select(f => $"{t.Name} foreign key {f.Name} → {f.PrincipalTable.Name} on delete {f.OnDeleteAction}"))
            .Order(StringComparer.Ordinal)));

    private static string FirstDifference(string built, string compiled)
    {
        var a = built.Split('\n');
        var b = compiled.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i].Trim() : "(end)";
            var y = i < b.Length ? b[i].Trim() : "(end)";
            if (x != y)
                return $"line {i + 1}: OnModelCreating «{x}», compiled «{y}»";
        }
        return "none";
    }
}
