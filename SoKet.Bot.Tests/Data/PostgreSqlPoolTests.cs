using Npgsql;
using SoKet.Bot.Data;

namespace SoKet.Bot.Tests.Data;

/// <summary>
/// An instance on PostgreSQL keeps a pool smaller than the server's default connection limit, so a burst of turns
/// waits for a pooled connection instead of failing with "too many clients"; an operator's own pool size is kept.
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
}
