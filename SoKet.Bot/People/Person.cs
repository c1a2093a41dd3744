using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SoKet.Bot.People;

/// <summary>
/// Someone the bot knows: a unit member, a leader in charge, or an admin of the office. Registered by
/// e-mail/UPN and linked to a chat identity the first time they talk to the bot.
/// </summary>
public sealed class Person
{
    public Guid Id { get; set; }

    /// <summary>Lower-case e-mail or UPN; null for someone known only by a chat identity.</summary>
    public string? Email { get; set; }
    public string? DisplayName { get; set; }

    /// <summary>Position shown in signature blocks and digests ("Phó Bí thư Thường trực").</summary>
    public string? Position { get; set; }
    public string? AadObjectId { get; set; }

    /// <summary>The channel and user id the person last talked to the bot with ("msteams", "29:…").</summary>
    public string? ChannelId { get; set; }
    public string? ChannelUserId { get; set; }
    /// <summary>Named an admin in chat ("thêm quản trị viên") or by the command line; People:AdminEmails need no flag.</summary>
    public bool IsAdmin { get; set; }

    /// <summary>
    /// Member of one of People:AdminGroupIds (Entra ID), as last seen: from the Graph for Teams users
    /// (re-checked after People:GroupCheckInterval), from the "groups" claim at an OpenID Connect sign-in.
    /// </summary>
    public bool IsGroupAdmin { get; set; }
    public DateTime? GroupsCheckedAtUtc { get; set; }

    /// <summary>
    /// Raised when the person signs out of the web chat (or an admin resets their password): every web chat
    /// token and sign-in cookie carries the value it was issued with, and stops working once it changes.
    /// </summary>
    public int SignInGeneration { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? LinkedAtUtc { get; set; }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> e)
    {
        e.ToTable("People");
        e.HasIndex(x => x.Email).IsUnique();
        e.HasIndex(x => x.AadObjectId);
        e.HasIndex(x => new { x.ChannelId, x.ChannelUserId });
        e.Property(x => x.Email).HasMaxLength(320);
        e.Property(x => x.AadObjectId).HasMaxLength(64);
        e.Property(x => x.ChannelUserId).HasMaxLength(256);
    }
}

/// <summary>The people table, reached from the store as db.People (the store itself knows no feature).</summary>
public static class PeopleStore
{
    extension(SoKet.Bot.Data.SoKetDbContext db)
    {
        public DbSet<Person> People => db.Set<Person>();
    }
}
