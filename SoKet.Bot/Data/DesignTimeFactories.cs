using Microsoft.EntityFrameworkCore.Design;

namespace SoKet.Bot.Data;

// Let `dotnet ef migrations add … --context <provider context>` build each provider's model without starting the
// web host (see README, "Migrations"). Adding a migration never connects, so the connection strings only have to parse.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSoKetDbContext>
{
    public SqliteSoKetDbContext CreateDbContext(string[] args) =>
        (SqliteSoKetDbContext)StoreProvider.Sqlite.CreateContext("Data Source=design-time.db");
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlSoKetDbContext>
{
    public PostgreSqlSoKetDbContext CreateDbContext(string[] args) =>
        (PostgreSqlSoKetDbContext)StoreProvider.PostgreSql.CreateContext("Host=localhost;Database=soket_design_time");
}
