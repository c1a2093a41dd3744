using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Data;
using SoKet.Bot.Reminders.Outbox;
using SoKet.Bot.Reminders.Planning;
using SoKet.Bot.Reminders.Sending;
using SoKet.Bot.Reminders.Settings;

using SoKet.Bot.Turns;
using SoKet.Bot.Turns.Routing;

namespace SoKet.Bot.Reminders;

public static class RemindersServiceCollectionExtensions
{
    /// <summary>The outbox, the planner and the sender (hosted services, section "Reminders"), and the "đôn đốc" and settings chat commands.</summary>
    public static IServiceCollection AddReminders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RemindersOptions>().Bind(configuration.GetSection(RemindersOptions.Section))
            .Validate(o => o.PerTenantRatePerSecond > 0 && o.BatchSize > 0 && o.MaxParallelSends > 0 && o.Lease > TimeSpan.Zero,
                "Reminders: PerTenantRatePerSecond, BatchSize, MaxParallelSends and Lease must be positive.")
            .Validate(o => o.SendingLease >= TimeSpan.FromSeconds(2), "Reminders:SendingLease must be at least 00:00:02.")
            .Validate(o => { ReminderSettingsService.FromOptions(o); o.ConversationLimits(); return true; })
            .ValidateOnStart();
        services.AddScoped<ReminderSettingsService>();
        services.AddScoped<ReminderOutbox>();
        services.AddScoped<TenantSendingLeases>();
        services.AddScoped<IReminderClaimStore>(sp => ClaimStoreFor(sp.GetRequiredService<SoKetDbContext>()));
        services.AddScoped<ReminderPlanningRun>();
        services.AddScoped<ReminderMessageComposer>();
        services.AddSingleton<ReminderSender>();
        services.AddRoutes("Reminders", routes =>
        {
            // Ranked ahead of the broad deadline-question matcher: "đôn đốc" and "cài đặt nhắc hạn" mention
            // deadlines but are commands of their own.
            routes.Add<Chat.RemindNowCommand>(Chat.RemindNowCommand.CommandName, c => c.ExecuteAsync)
                .When(Chat.RemindNowCommand.Matches).Rank(RouteRank.Command - 40)
                .For(Roles.Admin, _ => "Chưa có quyền đôn đốc. " + TurnTexts.NotAllowed);
            routes.Add<Chat.ReminderSettingsCommand>(Chat.ReminderSettingsCommand.CommandName, c => c.ExecuteAsync)
                .When(Chat.ReminderSettingsCommand.Matches).Rank(RouteRank.Command - 40)
                .For(Roles.Admin, _ => "Chưa có quyền cài đặt nhắc hạn. " + TurnTexts.NotAllowed);
        });
        services.AddHostedService<ReminderPlanningJob>();
        services.AddHostedService<ReminderSendingJob>();
        return services;
    }

    /// <summary>The claim statement of the active provider; a provider flavour adds its own implementation here.</summary>
    internal static IReminderClaimStore ClaimStoreFor(SoKetDbContext db) =>
        db.Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite" ? new SqliteReminderClaimStore(db)
        : db.Database.ProviderName == PostgreSqlReminderClaimStore.ProviderName ? new PostgreSqlReminderClaimStore(db)
        : throw new NotSupportedException($"No reminder claim statement for the store provider {db.Database.ProviderName}.");
}
