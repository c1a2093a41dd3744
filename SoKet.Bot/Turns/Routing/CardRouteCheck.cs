using System.Text.Json.Nodes;
using SoKet.Bot.Cards;

namespace SoKet.Bot.Turns.Routing;

/// <summary>Cards a feature renders (from a template or built in code), rendered with sample data for the start-up check.</summary>
public sealed class CardSampleSource(string feature, Func<IServiceProvider, IEnumerable<(string Name, JsonObject Card)>> samples)
{
    public string Feature { get; } = feature;

    public IEnumerable<(string Name, JsonObject Card)> Render(IServiceProvider services) => samples(services);
}

/// <summary>
/// At start, before anything is served: every button of every card SoKet sends must lead to a route. The
/// templates in cards/ are read as written (literal targets); targets bound from data ("${command}") and cards
/// built in code are checked on samples each feature registers. A card whose button leads nowhere stops the
/// start, naming the card and the value — a user never meets a button that answers "Tôi chưa hiểu".
/// </summary>
public static class CardRouteCheck
{
    public static IServiceCollection AddCardSamples(
        this IServiceCollection services, string feature, Func<IServiceProvider, IEnumerable<(string Name, JsonObject Card)>> samples)
    {
        services.AddSingleton(new CardSampleSource(feature, samples));
        return services;
    }

    /// <summary>The problems found; empty when every button leads to a route.</summary>
    public static IReadOnlyList<string> Find(RouteTable routes, CardCatalog catalog, IEnumerable<CardSampleSource> samples, IServiceProvider services)
    {
        var problems = new List<string>();
        var rendered = samples.SelectMany(s => s.Render(services)).ToList();
        foreach (var name in catalog.Names.Order(StringComparer.Ordinal))
        {
            var targets = CardActions.Targets(catalog.Source(name)).ToList();
            foreach (var target in targets.Where(t => !CardActions.IsBound(t)))
                Check($"card template '{name}'", target);
            if (targets.Any(CardActions.IsBound) && rendered.All(r => r.Name != name))
                problems.Add($"card template '{name}' has buttons whose target is bound from data, and no feature registers a sample of it (AddCardSamples)");
        }
        foreach (var (name, card) in rendered)
        {
            foreach (var target in CardActions.Targets(card))
                Check($"card '{name}'", target);
        }
        return problems;

        void Check(string where, string target)
        {
            if (routes.Find(target) is not { IsPressable: true })
                problems.Add($"{where}: a button leads to '{target}', which no route takes");
        }
    }

    /// <summary>Runs the check on the app's own table and cards; throws when a button leads nowhere.</summary>
    public static void CheckCardRoutes(this IHost app)
    {
        var services = app.Services;
        using var scope = services.CreateScope();
        var problems = Find(services.GetRequiredService<RouteTable>(), services.GetRequiredService<CardCatalog>(),
            services.GetServices<CardSampleSource>(), scope.ServiceProvider);
        if (problems.Count > 0)
            throw new InvalidOperationException("Card buttons that lead nowhere: " + string.Join("; ", problems) + ".");
    }
}
