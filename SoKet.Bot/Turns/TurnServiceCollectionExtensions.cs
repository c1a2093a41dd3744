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
        return services;
    }
}
