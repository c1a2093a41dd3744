using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SoKet.Bot.Drafting.Suggestions;
using SoKet.Bot.Health;
using SoKet.Bot.Turns;
using SoKet.Bot.Turns.Routing;

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

        // The model's check belongs to drafting; it reports Degraded, not Unhealthy: the deterministic drafter stands in.
        services.AddSingleton<ModelHealthCheck>();
        services.AddHealthChecks().AddCheck<ModelHealthCheck>("model", HealthStatus.Degraded, [HealthEndpoints.Ready]);

        services.AddScoped<DraftingCards>();
        services.AddScoped<DraftViewer>();
        services.AddSingleton<SuggestionQueue>();
        services.AddScoped<SuggestionRequests>();
        services.AddHostedService<SuggestionWorker>();
        services.AddDraftingRoutes();
        return services;
    }

    /// <summary>
    /// The drafting routes: the ways in (typed or pressed from anywhere), then the steps of the flow — its
    /// buttons, the words that move it ("mục lục", "tiếp", "quay lại"), and typed content as its fallback.
    /// Everything here happens in a 1:1 chat, by members of a unit (a secretary is a member too).
    /// </summary>
    private static IServiceCollection AddDraftingRoutes(this IServiceCollection services)
    {
        const Roles members = Roles.Member;
        static string NotAMember(TurnUser user) => user.IsAdmin ? DraftingTexts.AdminNotAMember : DraftingTexts.NotAMember;
        services.AddRoutes("Drafting", routes =>
        {
            routes.Add<DraftingEntry>(DraftingEntry.Start, e => e.StartAsync)
                .Says("soạn báo cáo", "viết báo cáo", "tiếp tục soạn", "soạn tiếp", "mở báo cáo", "báo cáo của đơn vị")
                .For(members, NotAMember).In(Scopes.Personal);
            routes.Add<DraftingEntry>(DraftingEntry.ViewWhole, e => e.ViewWholeAsync)
                .Says("xem toàn bộ", "xem bản nháp", "xem dự thảo").For(members, NotAMember).In(Scopes.Personal);
            routes.Add<DraftingEntry>(DraftingEntry.SubmitReport, e => e.SubmitAsync)
                .Says("nộp báo cáo").For(members, NotAMember).In(Scopes.Personal);
            routes.Add<DraftingEntry>(DraftingEntry.SendForReview, e => e.SendForReviewAsync)
                .Says("gửi xin ý kiến", "xin ý kiến").For(members, NotAMember).In(Scopes.Personal);
            routes.Add<DraftingEntry>(DraftingEntry.EnterIndicators, e => e.EnterIndicatorsAsync)
                .Says("nhập chỉ tiêu", "nhập bảng chỉ tiêu", "nhập phụ lục chỉ tiêu").For(members, NotAMember).In(Scopes.Personal);
            // "sửa chỉ tiêu số 3", "sua chi tieu 3": the row's form; a command inside an open section too, never its text.
            routes.Add<DraftingEntry>(DraftingEntry.EditIndicator, e => e.EditIndicatorAsync)
                .Says("sửa chỉ tiêu", "chỉnh sửa chỉ tiêu", "sửa số liệu chỉ tiêu").For(members, NotAMember).In(Scopes.Personal);
            routes.Add<DraftingEntry>(DraftingEntry.SuggestShortcomings, e => e.SuggestShortcomingsAsync)
                .Says("gợi ý hạn chế", "gợi ý phần hạn chế", "gợi ý dự thảo hạn chế").For(members, NotAMember).In(Scopes.Personal);

            void Step(string id, Func<DraftingFlow, TurnHandler> handler, params string[] typed)
            {
                var route = routes.Add(id, handler).InFlow(DraftingFlow.Name).For(members, NotAMember).In(Scopes.Personal);
                if (typed.Length > 0)
                    route.SaysExactly(typed);
            }
            Step(DraftingFlow.Save, f => f.SaveAsync);
            Step(DraftingFlow.SaveNext, f => f.SaveNextAsync);
            Step(DraftingFlow.Open, f => f.OpenAsync);
            Step(DraftingFlow.Back, f => f.BackAsync, "quay lại", "mục trước");
            // Everyday words typed in the middle of drafting move the flow and never become report text.
            Step(DraftingFlow.Skip, f => f.SkipAsync, "bỏ qua", "mục tiếp", "mục sau", "mục tiếp theo", "tiếp", "tiếp tục", "tiếp theo", "sang mục sau");
            Step(DraftingFlow.Overview, f => f.OverviewAsync, "mục lục", "tổng quan", "mục khác", "xong", "đã xong", "lưu", "lưu lại", "kết thúc mục");
            Step(DraftingFlow.Indicators, f => f.IndicatorsAsync, "chỉ tiêu", "bảng chỉ tiêu", "phụ lục", "phụ lục chỉ tiêu");
            Step(DraftingFlow.EditIndicator, f => f.EditIndicatorAsync);
            Step(DraftingFlow.DeleteIndicator, f => f.DeleteIndicatorAsync);
            Step(DraftingFlow.SaveIndicator, f => f.SaveIndicatorAsync);
            Step(DraftingFlow.Suggest, f => f.SuggestAsync);
            Step(DraftingFlow.ViewAll, f => f.ViewAllAsync);
            Step(DraftingFlow.Review, f => f.ReviewAsync);
            Step(DraftingFlow.Submit, f => f.SubmitAsync);
            Step(DraftingFlow.ConfirmSubmit, f => f.ConfirmSubmitAsync);
            Step(DraftingFlow.Undo, f => f.UndoAsync);
            Step(DraftingFlow.AppendPending, f => f.AppendPendingAsync);
            Step(DraftingFlow.DiscardPending, f => f.DiscardPendingAsync);
            routes.Add<DraftingFlow>(DraftingFlow.Typed, f => f.TypedAsync).FallbackOf(DraftingFlow.Name, DraftingFlow.TakesProse).For(members, NotAMember).In(Scopes.Personal);

            routes.Add<SuggestionChat>(SuggestionCard.Command, s => s.CardAsync).For(members, NotAMember).In(Scopes.Personal);
        });
        services.AddCardSamples("Drafting", _ =>
            [
                ("choose-unit", DraftingEntry.ChooseUnitCard(DraftingEntry.Start, [(Guid.Empty, "Chi bộ mẫu — 125-KH/ThU")])),
                ("choose-section", DraftingEntry.ChooseSectionCard(Guid.Empty, "III", [(Guid.Empty, "III. Lãnh đạo thực hiện nhiệm vụ quốc phòng - an ninh, đối ngoại")])),
            ]);
        return services;
    }
}
