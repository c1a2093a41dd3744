using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SoKet.Bot.Data;

namespace SoKet.Bot.Identity;

/// <summary>A data protection key ring entry: sign-in cookies, invitation links and antiforgery tokens are protected with these.</summary>
public sealed class DataProtectionKeyRecord
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public string Xml { get; set; } = "";
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKeyRecord>
{
    public void Configure(EntityTypeBuilder<DataProtectionKeyRecord> e)
    {
        e.ToTable("DataProtectionKeys");
        e.HasKey(k => k.Id);
        e.Property(k => k.FriendlyName).HasMaxLength(256);
    }
}

/// <summary>
/// The data protection key ring in SoKet's store, so that every instance behind a load balancer reads the same
/// cookies and the command line writes invitation links the bot accepts. Written here rather than with
/// Microsoft.AspNetCore.DataProtection.EntityFrameworkCore because that package wants the DbContext type itself to
/// implement its interface, and the store knows no feature.
/// </summary>
internal sealed class StoreXmlRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SoKetDbContext>();
        // Plain SQL, not LINQ: this runs while the host starts (the data protection service loads the key ring
        // before Kestrel listens), and the first LINQ query of a process pays for compiling EF Core's query
        // pipeline (bench/README.md, "Start and memory").
        var connection = db.Database.GetDbConnection();
        db.Database.OpenConnection();
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = """SELECT "Xml" FROM "DataProtectionKeys" ORDER BY "Id" """;
            using var reader = command.ExecuteReader();
            var keys = new List<XElement>();
            while (reader.Read())
                keys.Add(XElement.Parse(reader.GetString(0)));
            return keys;
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SoKetDbContext>();
        db.Set<DataProtectionKeyRecord>().Add(new DataProtectionKeyRecord { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
