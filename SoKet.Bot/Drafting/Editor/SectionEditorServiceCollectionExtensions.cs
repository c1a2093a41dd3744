using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SoKet.Bot.Turns;
using SoKet.Bot.Turns.Routing;

namespace SoKet.Bot.Drafting.Editor;

public static class SectionEditorServiceCollectionExtensions
{
    /// <summary>
    /// The section editor: options (section "Editor", validated on start), links, the API's checks, and the routes —
    /// the button's press in the web chat, Teams' task/fetch and task/submit, and the web chat page's save invoke.
    /// </summary>
    public static IServiceCollection AddSectionEditor(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<EditorOptions>().Bind(configuration.GetSection(EditorOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EditorOptions>, EditorOptionsValidator>());
        services.AddDataProtection();
        services.AddHttpContextAccessor();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<EditorLinks>();
        services.AddSingleton<EditorAddress>();
        services.AddSingleton<EditorStorageKeys>();
        services.AddScoped<EditorRequests>();

        const Roles members = Roles.Member;
        static string NotAMember(TurnUser user) => user.IsAdmin ? DraftingTexts.AdminNotAMember : DraftingTexts.NotAMember;
        services.AddRoutes("Editor", routes =>
        {
            // Not a step of the drafting flow: a section card of any age opens the editor on what the report holds now.
            routes.Add<SectionEditorChat>(SectionEditorChat.Open, e => e.OpenAsync).For(members, NotAMember).In(Scopes.Personal);
            // Invokes answer in the task module's own shape, refusals included: the handler checks who and where.
            routes.Add<SectionEditorChat>(SectionEditorChat.Fetch, e => e.FetchAsync).OnInvoke("task/fetch").OnlyOn(Protocol.ChannelIds.Teams);
            routes.Add<SectionEditorChat>(SectionEditorChat.Submit, e => e.SubmitAsync).OnInvoke("task/submit").OnlyOn(Protocol.ChannelIds.Teams);
            // Built by the editor's API only: a browser cannot post an invoke to the web chat.
            routes.Add<SectionEditorChat>(SectionEditorChat.SavePage, e => e.SavePageAsync).OnInvoke(SectionEditorChat.SaveInvoke)
                .OnlyOn(Protocol.ChannelIds.WebChat).For(members, NotAMember).In(Scopes.Personal);
        });
        services.AddCardSamples("Editor", _ => [("editor-open", SectionEditorChat.OpenCard("/editor?t=sample"))]);
        return services;
    }
}
