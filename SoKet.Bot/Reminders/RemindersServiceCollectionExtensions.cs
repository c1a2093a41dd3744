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
        // Ahead of the broad deadline-question matcher: "cài đặt nhắc hạn" and "đơn vị nào chưa nộp" mention deadlines
        // but are commands of their own. The router takes the first command that matches, in registration order.
        services.Insert(0, ServiceDescriptor.Scoped<Assistant.IBotCommand, Tracking.Chat.SubmissionStatusCommand>());
        services.Insert(1, ServiceDescriptor.Scoped<Assistant.IBotCommand, Tracking.Chat.ExportStatusCommand>());
        services.Insert(2, ServiceDescriptor.Scoped<Assistant.IBotCommand, Chat.RemindNowCommand>());
        services.Insert(3, ServiceDescriptor.Scoped<Assistant.IBotCommand, Chat.ReminderSettingsCommand>());
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
