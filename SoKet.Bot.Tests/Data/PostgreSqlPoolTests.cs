using Npgsql;
using SoKet.Bot.Data;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Data;

/// <summary>
/// An instance on PostgreSQL keeps a pool smaller than the server's default connection limit, so a burst of turns
/// waits for a pooled connection instead of failing with "too many clients", and keeps the statements it repeats
/// prepared on the server; an operator's own pool size and preparation setting are kept.
/// </summary>
public sealed class PostgreSqlPoolTests
{
    private static NpgsqlConnectionStringBuilder Resolve(string connectionString) =>
        new(StoreProvider.PostgreSql.ResolveConnectionString(
            new StoreOptions { Provider = StoreProvider.PostgreSqlName, ConnectionString = connectionString }, contentRoot: "/"));

    [Fact]
    public void Without_a_pool_size_an_instance_keeps_fewer_connections_than_the_servers_default_limit()
    {
        var resolved = Resolve("Host=db.example;Database=soket;Username=soket;Password=secret");
        Assert.Equal(PostgreSqlStoreProvider.DefaultMaxPoolSize, resolved.MaxPoolSize);
        Assert.True(resolved.MaxPoolSize < 97, "the pool must stay under PostgreSQL's default 100 connections less the 3 reserved");
        Assert.Equal("db.example", resolved.Host);
        Assert.Equal("secret", resolved.Password);
    }

    [Theory]
    [InlineData("Maximum Pool Size=80")]
    [InlineData("maximum pool size = 80")]
    [InlineData("MaxPoolSize=80")]
    public void An_operators_own_pool_size_is_kept_whatever_its_spelling(string setting)
    {
        Assert.Equal(80, Resolve($"Host=db.example;Database=soket;{setting}").MaxPoolSize);
    }

    [Fact]
    public void Without_a_setting_an_instance_keeps_its_repeated_statements_prepared()
    {
        Assert.Equal(PostgreSqlStoreProvider.DefaultMaxAutoPrepare, Resolve("Host=db.example;Database=soket").MaxAutoPrepare);
    }

    [Theory]
    [InlineData("Max Auto Prepare=0", 0)]
    [InlineData("maxautoprepare = 10", 10)]
    public void An_operators_own_preparation_setting_is_kept(string setting, int expected)
    {
        var resolved = Resolve($"Host=db.example;Database=soket;Maximum Pool Size=80;{setting}");
        Assert.Equal(expected, resolved.MaxAutoPrepare);
        Assert.Equal(80, resolved.MaxPoolSize);
    }

    [Fact]
    [Trait("Category", "Store")]
    public async Task A_statement_the_bot_repeats_is_prepared_on_the_server()
    {
        using var folder = new TempFolder();
        using var store = new TestStore(folder.Path, StoreProvider.PostgreSql);
        var resolved = StoreProvider.PostgreSql.ResolveConnectionString(
            new StoreOptions { Provider = StoreProvider.PostgreSqlName, ConnectionString = store.ConnectionString }, contentRoot: "/");
        await using var connection = new NpgsqlConnection(resolved);
        await connection.OpenAsync();
        for (var i = 0; i < 6; i++)
        {
            await using var query = new NpgsqlCommand("SELECT $1::int + 1", connection) { Parameters = { new() { Value = i } } };
            Assert.Equal(i + 1, await query.ExecuteScalarAsync());
        }

        await using var prepared = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement = 'SELECT $1::int + 1'", connection);
        Assert.Equal(1L, await prepared.ExecuteScalarAsync());
    }
}
