using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Data;
using SoKet.Bot.Reminders.Outbox;
using SoKet.Bot.Reminders.Planning;
using SoKet.Bot.Reminders.Sending;
using SoKet.Bot.Reminders.Settings;
using SoKet.Bot.Tracking.Status;

namespace SoKet.Bot.Reminders;

public static class RemindersServiceCollectionExtensions
{
    /// <summary>The outbox, the planner and the sender (hosted services, section "Reminders"), and the tracking and "đôn đốc" chat commands.</summary>
    public static IServiceCollection AddReminders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RemindersOptions>().Bind(configuration.GetSection(RemindersOptions.Section))
            .Validate(o => o.PerTenantRatePerSecond > 0 && o.BatchSize > 0 && o.MaxParallelSends > 0 && o.Lease > TimeSpan.Zero,
                "Reminders: PerTenantRatePerSecond, BatchSize, MaxParallelSends and Lease must be positive.")
            .Validate(o => { ReminderSettingsService.FromOptions(o); o.ConversationLimits(); return true; })
            .ValidateOnStart();
        services.AddScoped<SubmissionStatusQuery>();
        services.AddScoped<ReminderSettingsService>();
        services.AddScoped<ReminderOutbox>();
        services.AddScoped<IReminderClaimStore>(sp => ClaimStoreFor(sp.GetRequiredService<SoKetDbContext>()));
        services.AddScoped<ReminderPlanningRun>();
        services.AddScoped<ReminderMessageComposer>();
        services.AddScoped<StatusOverviewBuilder>();
        services.AddSingleton<ReminderSender>();
        services.AddScoped<Assistant.IBotCommand, Tracking.Chat.SubmissionStatusCommand>();
        services.AddScoped<Assistant.IBotCommand, Tracking.Chat.ExportStatusCommand>();
        services.AddScoped<Assistant.IBotCommand, Chat.RemindNowCommand>();
        services.AddHostedService<ReminderPlanningJob>();
        services.AddHostedService<ReminderSendingJob>();
        return services;
    }

    /// <summary>The claim statement of the active provider; a provider flavour adds its own implementation here.</summary>
    internal static IReminderClaimStore ClaimStoreFor(SoKetDbContext db) =>
        db.Database.IsSqlite()
            ? new SqliteReminderClaimStore(db)
            : throw new NotSupportedException($"No reminder claim statement for the store provider {db.Database.ProviderName}.");
}
