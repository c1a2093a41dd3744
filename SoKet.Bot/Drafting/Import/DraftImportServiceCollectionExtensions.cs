using SoKet.Bot.Campaigns.Chat;
using SoKet.Bot.Reports;
using SoKet.Bot.Turns;
using SoKet.Bot.Turns.Routing;

namespace SoKet.Bot.Drafting.Import;

public static class DraftImportServiceCollectionExtensions
{
    /// <summary>
    /// "Start from a Word draft": a unit member's file (any but a CSV, which is a unit list) is their draft — ranked
    /// before the plan importer, which takes the same files from office staff (the table gives a file to the first route
    /// the sender may run); "nhập dự thảo" opens the flow for a pasted draft; the review card's steps. Everything happens
    /// in a 1:1 chat, like drafting. The «Kế hoạch» answer of office staff who also draft hands the file to the plan importer.
    /// </summary>
    public static IServiceCollection AddDraftImport(this IServiceCollection services)
    {
        const Roles members = Roles.Member;
        static string NotAMember(TurnUser user) => DraftImportTexts.NotAMember;
        services.AddScoped<IPastedDraftHandler>(sp => sp.GetRequiredService<DraftImportChat>());
        services.AddRoutes("DraftImport", routes =>
        {
            routes.Add<DraftImportChat>(DraftImportChat.Start, c => c.StartAsync)
                .Says("nhập dự thảo", "nhập bản dự thảo", "nhập từ dự thảo", "điền từ dự thảo", "dán dự thảo", "tải dự thảo lên", "nhập từ tệp word")
                .For(members, NotAMember).In(Scopes.Personal);
            routes.Add<DraftImportChat>(DraftImportChat.ReadFile, c => c.FileAsync)
                .OnFile(name => !UnitCsvFileCommand.Accepts(name)).Rank(RouteRank.Command + 5)
                .For(members, _ => DraftImportTexts.FileNotAccepted).In(Scopes.Personal);

            void Step(string id, Func<DraftImportChat, TurnHandler> handler, Roles roles = members) =>
                routes.Add(id, handler).InFlow(DraftImportChat.FlowName).For(roles, roles == members ? NotAMember : null).In(Scopes.Personal);
            Step(DraftImportChat.Apply, c => c.ApplyAsync);
            Step(DraftImportChat.Cancel, c => c.CancelAsync);
            Step(DraftImportChat.IsDraft, c => c.IsDraftAsync);
            Step(DraftImportChat.IsPlan, c => c.IsPlanAsync, Roles.Admin);
            Step(DraftImportChat.ChooseUnit, c => c.ChooseUnitAsync);
            routes.Add<DraftImportChat>(DraftImportChat.Pasted, c => c.PastedAsync).FallbackOf(DraftImportChat.FlowName).For(members, NotAMember).In(Scopes.Personal);
        });
        services.AddCardSamples("DraftImport", sp => Samples());
        return services;
    }

    /// <summary>The cards built in code, on sample data, for the start-up check of their buttons.</summary>
    private static IEnumerable<(string Name, System.Text.Json.Nodes.JsonObject Card)> Samples()
    {
        var campaign = new Campaigns.Campaign { Id = Guid.NewGuid(), Code = "150-KH/TU" };
        var section = new Campaigns.CampaignSection { Id = Guid.NewGuid(), CampaignId = campaign.Id, NumberLabel = "I.", Heading = "Lãnh đạo công tác xây dựng Đảng", Level = 3 };
        var unit = new Campaigns.Unit { Id = Guid.NewGuid(), CampaignId = campaign.Id, Name = "Chi bộ mẫu" };
        var report = new Report { Id = Guid.NewGuid(), CampaignId = campaign.Id, UnitId = unit.Id };
        report.Sections.Add(new SectionDraft { Id = Guid.NewGuid(), ReportId = report.Id, SectionId = section.Id, Text = "Nội dung đã có.", Version = 1, UpdatedByName = "Nguyễn Văn An" });
        var view = new ReportView(report, campaign, unit, [new OutlineEntry(section, IsWritable: true)]);
        var staged = new StagedDraft
        {
            ReportId = report.Id, Source = "«du-thao.docx»",
            Sections = [new StagedSection { SectionId = section.Id, WrittenHeading = "1. Công tác xây dựng Đảng", Text = "Chi bộ đã lãnh đạo…", Paragraphs = 3, ShownVersion = 1, HadText = true }],
            Aside = [new StagedAside { Reason = AsideReason.NoMatchingSection, Heading = "V. Công tác thi đua", Paragraphs = ["Đơn vị đã…"] }],
        };
        return
        [
            ("draft-import-review", DraftImportCards.Review(view, staged, "sample")),
            ("draft-import-ask-kind", DraftImportCards.AskKind("du-thao.docx", "sample")),
            ("draft-import-choose-unit", DraftImportCards.ChooseUnit(DraftImportChat.ChooseUnit, [new OwnedUnit(unit.Id, unit.Name, campaign.Id, campaign.Code)], "sample")),
            ("draft-import-choose-unit-command", DraftImportCards.ChooseUnit(DraftImportChat.Start, [new OwnedUnit(unit.Id, unit.Name, campaign.Id, campaign.Code)], null)),
            ("draft-import-result", DraftImportCards.Result(view, "«du-thao.docx»", [(section.Heading, "Điền mới")], 0)),
        ];
    }
}
