using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SoKet.Bot.Cards;

public static class CardServiceCollectionExtensions
{
    /// <summary>Registers <see cref="CardCatalog"/> as a singleton over <see cref="CardCatalog.DefaultDirectory"/>.</summary>
    public static IServiceCollection AddCards(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(sp => new CardCatalog(CardCatalog.DefaultDirectory, sp.GetService<ILogger<CardCatalog>>()));
        return services;
    }
}
