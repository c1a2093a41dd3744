using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SoKet.Bot.Drafting.Synthesis;

public static class SynthesisServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ISectionSynthesizer"/>: the model-backed one when Ai:Provider names a provider (the
    /// drafting suggestions' settings, bound by <see cref="DraftingServiceCollectionExtensions.AddDrafting"/>), the
    /// offline one otherwise. The synthesis prompt files are checked on start with the other Ai settings.
    /// </summary>
    public static IServiceCollection AddSynthesis(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SynthesisPrompts>();
        services.TryAddSingleton<OfflineSynthesizer>();
        services.TryAddSingleton<OfflineSectionSynthesizer>();
        services.TryAddSingleton<ModelSectionSynthesizer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AiOptions>, SynthesisPromptsValidator>());
        services.TryAddSingleton<ISectionSynthesizer>(sp =>
            sp.GetRequiredService<IOptions<AiOptions>>().Value.Provider == AiProvider.None
                ? sp.GetRequiredService<OfflineSectionSynthesizer>()
                : sp.GetRequiredService<ModelSectionSynthesizer>());
        return services;
    }
}
