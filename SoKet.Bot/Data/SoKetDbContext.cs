using Microsoft.EntityFrameworkCore;

namespace SoKet.Bot.Data;

/// <summary>
/// The one model of SoKet's store. Each provider has a context type of its own deriving from this one
/// (<see cref="SqliteSoKetDbContext"/>, <see cref="PostgreSqlSoKetDbContext"/>) so that each keeps its own
/// migrations in the same assembly; everything else asks for this type and never knows which provider runs.
/// </summary>
public abstract class SoKetDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<ConversationReferenceRecord> ConversationReferences => Set<ConversationReferenceRecord>();
    public DbSet<ProcessedActivity> ProcessedActivities => Set<ProcessedActivity>();
    public DbSet<ConversationStateRecord> ConversationStates => Set<ConversationStateRecord>();
    public DbSet<WebChatConversation> WebChatConversations => Set<WebChatConversation>();
    public DbSet<WebChatActivity> WebChatActivities => Set<WebChatActivity>();
    public DbSet<AppSetting> AppSettings => Set<AppSetting>();
    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Provider-neutral; a provider's context adds its own column conventions after this.
        modelBuilder.Entity<ConversationReferenceRecord>(e =>
        {
            e.HasIndex(x => new { x.ChannelId, x.ConversationId }).IsUnique();
            e.HasIndex(x => new { x.ChannelId, x.UserId });
            e.HasIndex(x => x.UserAadObjectId);
            e.Property(x => x.ChannelId).HasMaxLength(64);
            e.Property(x => x.ConversationId).HasMaxLength(512);
            e.Property(x => x.ServiceUrl).HasMaxLength(512);
        });

        modelBuilder.Entity<ProcessedActivity>(e =>
        {
            e.HasKey(x => new { x.ChannelId, x.ConversationId, x.ActivityId });
            e.HasIndex(x => x.ProcessedAtUtc);
            e.Property(x => x.ChannelId).HasMaxLength(64);
            e.Property(x => x.ConversationId).HasMaxLength(512);
            e.Property(x => x.ActivityId).HasMaxLength(512);
        });

        modelBuilder.Entity<ConversationStateRecord>(e =>
        {
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(640);
            e.Property(x => x.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<WebChatConversation>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.UserId).HasMaxLength(128);
        });

        modelBuilder.Entity<WebChatActivity>(e =>
        {
            e.HasKey(x => x.Sequence);
            e.HasIndex(x => new { x.ConversationId, x.Sequence });
            e.HasIndex(x => new { x.ConversationId, x.ActivityId }).IsUnique();
            e.HasIndex(x => new { x.ConversationId, x.ClientActivityId }).IsUnique();
            e.HasIndex(x => x.CreatedAtUtc);
            e.Property(x => x.ClientActivityId).HasMaxLength(128);
            e.Property(x => x.ConversationId).HasMaxLength(64);
            e.Property(x => x.ActivityId).HasMaxLength(128);
        });

        modelBuilder.Entity<StoredFile>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(260);
            e.Property(x => x.OwnerId).HasMaxLength(256);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(x => x.CreatedAtUtc);
            e.HasIndex(x => new { x.OwnerId, x.Kind, x.CreatedAtUtc });
        });

        modelBuilder.Entity<AppSetting>(e =>
        {
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(128);
        });

        // Each feature configures its own entities (IEntityTypeConfiguration, table names included) and reaches
        // them through extension properties of its own (db.Campaigns, db.Reports…): the store knows no feature.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SoKetDbContext).Assembly);
    }
}
