using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.Data;
using SoKet.Bot.People;
using SoKet.Bot.Protocol;
using SoKet.Bot.Reports;
using SoKet.Bot.Tests.Drafting;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Adversarial;

/// <summary>
/// Two units of one open campaign and a unit of a second campaign. The attacker drafts for unit A (and may lead it);
/// unit B is the victim: its report is in review with a section draft carrying a pending AI suggestion and an
/// indicator row; its member and leader are Teams users whose conversations live on a <see cref="LoopbackConnector"/>,
/// so anything the bot wrongly tells them arrives there. Two admins: one the attacker, one whose plan import and
/// kept file the attacker names.
/// </summary>
internal sealed partial class AdversarialWorld
{
    public const string VictimTeamsId = "29:1victim-member";
    public const string VictimLeaderTeamsId = "29:1victim-leader";

    public Campaign Campaign { get; private init; } = null!;
    public Campaign OtherCampaign { get; private init; } = null!;
    public Unit UnitA { get; private init; } = null!;
    public Unit UnitB { get; private init; } = null!;
    public Unit UnitC { get; private init; } = null!;
    public Report ReportB { get; private init; } = null!;
    public SectionDraft DraftB { get; private init; } = null!;
    public IndicatorRow RowB { get; private init; } = null!;

    /// <summary>A writable section of the other campaign's outline: never part of unit A's report.</summary>
    public Guid ForeignSectionId { get; private init; }

    public PendingPlanImport OtherAdminsImport { get; private init; } = null!;
    public StoredFile OtherAdminsKeptFile { get; private init; } = null!;

    /// <param name="attacker">Web chat user id of unit A's drafter.</param>
    /// <param name="attackerLeader">Web chat user id of unit A's leader in charge (leads A only).</param>
    /// <param name="admin">Web chat user id of an admin (office staff).</param>
    public static async Task<AdversarialWorld> SeedAsync(SoKetDbContext db, string attacker, string? attackerLeader, string? admin, string connectorUrl)
    {
        var now = DateTime.UtcNow;
        var campaign = DraftingSeed.CreateCampaign(DraftingSeed.LaiChau);
        var other = DraftingSeed.CreateCampaign(DraftingSeed.HaTinh);
        db.Campaigns.AddRange(campaign, other);

        var groups = campaign.Groups.Where(g => !g.IsIssuer).OrderBy(g => g.Order).ToList();
        Person NewPerson(string name, string channel, string? userId) => new()
        {
            Id = Guid.NewGuid(), DisplayName = name, ChannelId = userId is null ? null : channel, ChannelUserId = userId, CreatedAtUtc = now,
        };
        var drafter = NewPerson("Lò Văn Kẻ", ChannelIds.WebChat, attacker);
        var leaderA = NewPerson("Đinh Văn Phụ", ChannelIds.WebChat, attackerLeader);
        var victim = NewPerson("Hà Thị Bị", ChannelIds.Teams, VictimTeamsId);
        var leaderB = NewPerson("Vàng A Lãnh", ChannelIds.Teams, VictimLeaderTeamsId);
        var otherAdmin = NewPerson("Văn phòng (đồng chí khác)", ChannelIds.WebChat, "wc-other-admin");
        otherAdmin.IsAdmin = true;
        db.People.AddRange(drafter, leaderA, victim, leaderB, otherAdmin);
        if (admin is not null)
        {
            var office = NewPerson("Văn phòng Thành ủy", ChannelIds.WebChat, admin);
            office.IsAdmin = true;
            db.People.Add(office);
        }

        var unitA = new Unit { Id = Guid.NewGuid(), CampaignId = campaign.Id, Name = "Chi bộ Phòng Tài chính - Kế hoạch", GroupId = groups[0].Id, LeaderPersonId = leaderA.Id, CreatedAtUtc = now };
        unitA.Members.Add(new UnitMember { UnitId = unitA.Id, PersonId = drafter.Id, Role = MemberRole.Drafter });
        var unitB = new Unit { Id = Guid.NewGuid(), CampaignId = campaign.Id, Name = "Đảng bộ phường Tân Phong", GroupId = groups[1].Id, HasCommittee = true, LeaderPersonId = leaderB.Id, CreatedAtUtc = now };
        unitB.Members.Add(new UnitMember { UnitId = unitB.Id, PersonId = victim.Id, Role = MemberRole.Secretary });
        var unitC = new Unit { Id = Guid.NewGuid(), CampaignId = other.Id, Name = "Chi bộ Trường THPT Hồng Lĩnh", GroupId = other.Groups.Where(g => !g.IsIssuer).OrderBy(g => g.Order).First().Id, CreatedAtUtc = now };
        db.Units.AddRange(unitA, unitB, unitC);

        var section = campaign.Sections.Where(s => s.Kind == SectionKind.FreeText).OrderBy(s => s.Order)
            .Last(s => !campaign.Sections.Any(c => c.ParentId == s.Id));
        var report = new Report { Id = Guid.NewGuid(), CampaignId = campaign.Id, UnitId = unitB.Id, Status = ReportStatus.InReview, Version = 3, CreatedAtUtc = now, UpdatedAtUtc = now };
        var draft = new SectionDraft
        {
            Id = Guid.NewGuid(), ReportId = report.Id, SectionId = section.Id, Version = 2, UpdatedAtUtc = now, UpdatedByName = "Hà Thị Bị",
            Text = "Đảng bộ đã kết nạp 12 đảng viên mới, vượt chỉ tiêu nghị quyết.",
            PendingSuggestion = "Hạn chế: công tác phát triển đảng viên trong doanh nghiệp còn chậm.", PendingSuggestionAtUtc = now,
        };
        report.Sections.Add(draft);
        var row = new IndicatorRow { Id = Guid.NewGuid(), ReportId = report.Id, Order = 1, Name = "Kết nạp đảng viên mới", UnitOfMeasure = "đảng viên", Target = 10, Result = 12, Version = 1, UpdatedAtUtc = now };
        report.Indicators.Add(row);
        db.Reports.Add(report);

        var foreignSection = other.Sections.Where(s => s.Kind == SectionKind.FreeText).OrderBy(s => s.Order)
            .Last(s => !other.Sections.Any(c => c.ParentId == s.Id));

        var import = new PendingPlanImport
        {
            Id = Guid.NewGuid(), CreatedByPersonId = otherAdmin.Id, CreatedByName = otherAdmin.DisplayName!, FileName = "ke-hoach-150.txt",
            SourceText = other.SourceText, ExtractionJson = "{}", Status = PendingImportStatus.Pending, CreatedAtUtc = now,
        };
        db.PendingPlanImports.Add(import);
        var kept = new StoredFile
        {
            Id = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()), ConversationId = "other-admins-conversation", OwnerId = "wc-other-admin",
            Kind = StoredFileKind.Kept, Name = "don-vi.csv", ContentType = "text/csv", Content = "Tên đơn vị;Nhóm\nChi bộ giả;Cấp cơ sở\n"u8.ToArray(), Size = 40, CreatedAtUtc = now,
        };
        kept.Size = kept.Content!.LongLength;
        db.StoredFiles.Add(kept);

        // The victims' Teams chats, so a message the bot wrongly sends them reaches the loopback Connector.
        foreach (var (userId, conversationId) in new[] { (VictimTeamsId, "a:victim-member"), (VictimLeaderTeamsId, "a:victim-leader") })
        {
            db.ConversationReferences.Add(new ConversationReferenceRecord
            {
                ChannelId = ChannelIds.Teams, ConversationId = conversationId, ConversationType = "personal", ServiceUrl = connectorUrl,
                TenantId = TeamsActivities.TenantId, UserId = userId, BotId = "28:soket-local", CreatedAtUtc = now, UpdatedAtUtc = now,
            });
        }
        await db.SaveChangesAsync();
        return new AdversarialWorld
        {
            Campaign = campaign, OtherCampaign = other, UnitA = unitA, UnitB = unitB, UnitC = unitC, ReportB = report, DraftB = draft, RowB = row,
            ForeignSectionId = foreignSection.Id, OtherAdminsImport = import, OtherAdminsKeptFile = kept,
        };
    }

    /// <summary>
    /// A turn's answer with what changes from turn to turn taken out (flow tokens, ids, times), so the answer to a
    /// foreign id can be compared with the answer to an id that does not exist.
    /// </summary>
    public static string Answer(IEnumerable<Activity> replies) =>
        Normalize(string.Join("\n---\n", replies.Select(r => (r.Text ?? "") + "|" + string.Join("|", (r.Attachments ?? []).Select(a => a.Content?.ToJsonString(ProtocolJson.Options) ?? a.ContentType)))));

    public static string Normalize(string text) =>
        Times().Replace(Guids().Replace(Tokens().Replace(text, "\"_step\":\"…\""), "…"), "…");

    /// <summary>The flow token of the last card (any of its buttons carries it).</summary>
    public static string? Token(JsonObject? card) =>
        card is null ? null : DraftingChat.Actions(card).Select(a => a["data"]?["_step"]?.GetValue<string>()).FirstOrDefault(t => t is not null);

    [GeneratedRegex("\"_step\":\"[^\"]*\"")]
    private static partial Regex Tokens();

    [GeneratedRegex("[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}")]
    private static partial Regex Guids();

    [GeneratedRegex(@"\d{2}:\d{2}( ngày \d{2}/\d{2}/\d{4})?")]
    private static partial Regex Times();
}
