using System.Text.Json;
using System.Text.Json.Nodes;

namespace SoKet.Bot.Cards;

// Placeholder until the template binder lands: returns templates from cards/ unbound.
public sealed class CardCatalog(IHostEnvironment environment)
{
    public JsonObject Render(string name, object? data)
    {
        _ = data;
        var path = Path.Combine(AppContext.BaseDirectory, "cards", name + ".json");
        if (!File.Exists(path))
            path = Path.Combine(environment.ContentRootPath, "..", "cards", name + ".json");
        return JsonNode.Parse(File.ReadAllText(path))!.AsObject();
    }
}

public static class CardServiceCollectionExtensions
{
    public static IServiceCollection AddCards(this IServiceCollection services)
    {
        services.AddSingleton<CardCatalog>();
        _ = JsonSerializerDefaults.Web;
        return services;
    }
}
