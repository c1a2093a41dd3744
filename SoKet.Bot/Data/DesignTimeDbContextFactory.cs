using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SoKet.Bot.Data;

/// <summary>
/// Lets `dotnet ef migrations add` build the model without starting the web host. Adding a migration
/// never connects, so the PostgreSQL placeholder only has to parse.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<SoKetDbContext>
{
#if STORE_POSTGRESQL
    private const string DesignTimeConnectionString = "Host=localhost;Database=soket_design_time";
#else
    private const string DesignTimeConnectionString = "Data Source=design-time.db";
#endif

    public SoKetDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SoKetDbContext>();
        StoreProvider.Configure(options, DesignTimeConnectionString);
        return new SoKetDbContext(options.Options);
    }
}
