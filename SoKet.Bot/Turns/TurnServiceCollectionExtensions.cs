using Microsoft.Extensions.DependencyInjection.Extensions;
using SoKet.Bot.Turns.Routing;

namespace SoKet.Bot.Turns;

public static class TurnServiceCollectionExtensions
{
    /// <summary>The turn pipeline every channel hands its activities to, and the routing table features add to.</summary>
    public static IServiceCollection AddTurns(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RouteTable>();
        services.AddScoped<TurnProcessor>();
        services.AddScoped<CardLifecycle>();
        services.AddSingleton<DeliveredCards>();
        services.AddOptions<DeliveredCardOptions>().BindConfiguration(DeliveredCardOptions.Section)
            .Validate(o => o.WriteDelay >= TimeSpan.Zero && o.WriteDelay <= TimeSpan.FromMinutes(10), "DeliveredCards:WriteDelay must be between 00:00:00 and 00:10:00.")
            .ValidateOnStart();
        services.AddHostedService<DeliveredCardWriter>();
        services.AddRoutes("Turns", FlowCommands.Register);
        services.AddCardSamples("Turns", _ => [("personal-only", PersonalOnlyNotice.Card("https://teams.microsoft.com/l/chat/0/0?users=28%3Aapp")),
            ("closed-card", CardLifecycle.Compact("Mục lục báo cáo", string.Format(System.Globalization.CultureInfo.InvariantCulture, CardLifecycle.ChosenNote, "Soạn tiếp")))]);
        return services;
    }
}
