using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SoKet.Bot.People;

namespace SoKet.Bot.Identity.Accounts;

/// <summary>
/// A SoKet account (SignIn:Provider LocalAccounts): the password, lockout and authenticator state ASP.NET Core
/// Identity keeps, for one <see cref="Person"/>. Created by an admin (chat or command line) with no password; the
/// person chooses it through the invitation link.
/// </summary>
public sealed class Account : IdentityUser<Guid>
{
    public Guid PersonId { get; set; }
    public DateTime CreatedAtUtc { get; set; }

    /// <summary>When the person first chose a password (null: the invitation is still open).</summary>
    public DateTime? ActivatedAtUtc { get; set; }
}

/// <summary>
/// The Identity tables, configured here as Identity's own IdentityUserContext would (keys, unique normalised
/// names, lengths, concurrency stamp) so SoKet's one store holds them without the store knowing this feature.
/// Passkeys are not used, so their table is not mapped.
/// </summary>
internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> e)
    {
        e.ToTable("Accounts");
        e.HasKey(u => u.Id);
        e.HasIndex(u => u.NormalizedUserName).IsUnique();
        e.HasIndex(u => u.NormalizedEmail);
        e.HasIndex(u => u.PersonId).IsUnique();
        e.HasOne<Person>().WithMany().HasForeignKey(u => u.PersonId).OnDelete(DeleteBehavior.Cascade);
        e.Property(u => u.ConcurrencyStamp).IsConcurrencyToken();
        e.Property(u => u.UserName).HasMaxLength(256);
        e.Property(u => u.NormalizedUserName).HasMaxLength(256);
        e.Property(u => u.Email).HasMaxLength(256);
        e.Property(u => u.NormalizedEmail).HasMaxLength(256);
        e.Property(u => u.PhoneNumber).HasMaxLength(256);
        e.HasMany<IdentityUserClaim<Guid>>().WithOne().HasForeignKey(c => c.UserId).IsRequired();
        e.HasMany<IdentityUserLogin<Guid>>().WithOne().HasForeignKey(l => l.UserId).IsRequired();
        e.HasMany<IdentityUserToken<Guid>>().WithOne().HasForeignKey(t => t.UserId).IsRequired();
    }
}

internal sealed class AccountClaimConfiguration : IEntityTypeConfiguration<IdentityUserClaim<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserClaim<Guid>> e)
    {
        e.ToTable("AccountClaims");
        e.HasKey(c => c.Id);
    }
}

internal sealed class AccountLoginConfiguration : IEntityTypeConfiguration<IdentityUserLogin<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserLogin<Guid>> e)
    {
        e.ToTable("AccountLogins");
        e.HasKey(l => new { l.LoginProvider, l.ProviderKey });
        e.Property(l => l.LoginProvider).HasMaxLength(128);
        e.Property(l => l.ProviderKey).HasMaxLength(128);
    }
}

/// <summary>Authenticator keys and recovery codes live here (Identity's user tokens).</summary>
internal sealed class AccountTokenConfiguration : IEntityTypeConfiguration<IdentityUserToken<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserToken<Guid>> e)
    {
        e.ToTable("AccountTokens");
        e.HasKey(t => new { t.UserId, t.LoginProvider, t.Name });
        e.Property(t => t.LoginProvider).HasMaxLength(128);
        e.Property(t => t.Name).HasMaxLength(128);
    }
}

/// <summary>Identity's EF store, told not to save on its own: in a chat turn the pipeline saves once; pages save themselves.</summary>
internal sealed class AccountStore : Microsoft.AspNetCore.Identity.EntityFrameworkCore.UserOnlyStore<Account, SoKet.Bot.Data.SoKetDbContext, Guid>
{
    public AccountStore(SoKet.Bot.Data.SoKetDbContext db, IdentityErrorDescriber? describer = null) : base(db, describer) => AutoSaveChanges = false;

    /// <summary>
    /// Identity's store re-attaches the user on every update. With <see cref="UserStoreBase{TUser,TKey,TUserClaim,TUserLogin,TUserToken}.AutoSaveChanges"/>
    /// off (the caller saves once: a chat turn, a page, the command line), attaching an entity already tracked accepts
    /// its unsaved values as the originals, so the second update of one unit of work (reset password, then lift the
    /// lockout) checked a concurrency stamp the database never had and the save failed. A tracked account only needs a
    /// new stamp; the caller's one save writes it and checks the stamp that was loaded.
    /// </summary>
    public override Task<IdentityResult> UpdateAsync(Account user, CancellationToken cancellationToken = default)
    {
        if (Context.Entry(user).State == Microsoft.EntityFrameworkCore.EntityState.Detached)
            return base.UpdateAsync(user, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        return Task.FromResult(IdentityResult.Success);
    }
}
