using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SoKet.Bot.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the web host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<SoKetDbContext>
{
    public SoKetDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SoKetDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
