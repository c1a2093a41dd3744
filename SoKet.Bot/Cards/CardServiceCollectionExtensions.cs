using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SoKet.Bot.Cards;

public static class CardServiceCollectionExtensions
{
    /// <summary>Registers <see cref="CardCatalog"/> as a singleton over <see cref="CardCatalog.DefaultDirectory"/>.</summary>
    public static IServiceCollection AddCards(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        // Cards:Directory lets a test (or an operator with customised wording) point at another template folder.
        services.TryAddSingleton(sp => new CardCatalog(
            sp.GetService<IConfiguration>()?["Cards:Directory"] is { Length: > 0 } directory ? directory : CardCatalog.DefaultDirectory,
            sp.GetService<ILogger<CardCatalog>>()));
        return services;
    }
}
