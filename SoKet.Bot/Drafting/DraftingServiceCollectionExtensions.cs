using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SoKet.Bot.Drafting;

public static class DraftingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ISectionSuggester"/>: the model-backed <see cref="OpenAiSuggestionService"/> when
    /// Ai:Provider names one, the <see cref="DeterministicSectionSuggester"/> otherwise. The "Ai" section of
    /// <paramref name="configuration"/> (the configuration root) is validated when the host starts, prompt files included.
    /// </summary>
    public static IServiceCollection AddDrafting(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<AiOptions>().Bind(configuration.GetSection(AiOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AiOptions>, AiOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PromptLibrary>();
        services.TryAddSingleton<DeterministicDrafter>();
        services.TryAddSingleton<DeterministicSectionSuggester>();
        services.TryAddSingleton<OpenAiSuggestionService>();

        // The suggestion's own budget (Ai:Timeout) bounds each call, so the HttpClient itself never times out first.
        services.AddHttpClient(OpenAiSuggestionService.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

        services.TryAddSingleton<ISectionSuggester>(sp =>
            sp.GetRequiredService<IOptions<AiOptions>>().Value.Provider == AiProvider.None
                ? sp.GetRequiredService<DeterministicSectionSuggester>()
                : sp.GetRequiredService<OpenAiSuggestionService>());
        return services;
    }
}
