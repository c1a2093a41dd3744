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
        services.AddRoutes("Turns", FlowCommands.Register);
        services.AddCardSamples("Turns", _ => [("personal-only", PersonalOnlyNotice.Card("https://teams.microsoft.com/l/chat/0/0?users=28%3Aapp"))]);
        return services;
    }
}
