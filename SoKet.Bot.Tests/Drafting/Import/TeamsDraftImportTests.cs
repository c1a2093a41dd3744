using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Audit;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Channels.Attachments;
using SoKet.Bot.People;
using SoKet.Bot.Protocol;
using SoKet.Bot.Reports;
using SoKet.Bot.Tests.Infrastructure;
using SoKet.Bot.Turns;
using static SoKet.Bot.Tests.Drafting.DraftingChat;

namespace SoKet.Bot.Tests.Drafting.Import;

/// <summary>
/// The same import from Teams, through the Bot Framework protocol: the .docx arrives as a file download info whose
/// downloadUrl the bot fetches (here from a loopback file server), the review card goes out through the Connector, the
/// card's buttons come back as Action.Submit messages.
/// </summary>
[Trait("Category", "Store")]
public sealed class TeamsDraftImportTests : IAsyncLifetime
{
    private const string Email = "an.nv@camquan.hatinh.dcs.vn";
    private readonly BotApp _app = new();
    private LoopbackConnector _connector = null!;
    private LoopbackFiles _files = null!;
    private HttpClient _http = null!;
    private DraftingSeed _seed = null!;

    public async Task InitializeAsync()
    {
        _connector = await LoopbackConnector.StartAsync();
        _files = await LoopbackFiles.StartAsync();
        // The file server listens on 127.0.0.1, which the guarded client refuses outside tests.
        _app.Settings["OutboundHttp:AllowLoopbackForTests"] = "true";
        _http = _app.CreateHttpClient();
        await using var db = _app.OpenStore();
        _seed = await DraftingSeed.CreateAsync(db, [], DraftingSeed.HaTinh);
        var person = new Person { Id = Guid.NewGuid(), Email = Email, DisplayName = "Nguyễn Văn An" };
        db.People.Add(person);
        db.UnitMembers.Add(new UnitMember { UnitId = _seed.Unit.Id, PersonId = person.Id, Role = MemberRole.Drafter });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _app.Dispose();
        await _files.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task A_docx_sent_in_Teams_is_split_on_a_card_and_filled_once_on_confirmation()
    {
        var upload = TeamsActivities.Message(_connector.ServiceUrl, "");
        _connector.AddMember(upload.From!.Id!, "Nguyễn Văn An", Email);
        upload.Attachments =
        [
            new Attachment
            {
                ContentType = AttachmentReader.TeamsFileDownloadInfo, Name = "du-thao-cam-quan.docx",
                Content = new JsonObject
                {
                    ["downloadUrl"] = _files.Put("du-thao-cam-quan.docx", DraftDocx.Build(DraftSamples.RewordedWithWordNumbering())),
                    ["uniqueId"] = Guid.NewGuid().ToString(), ["fileType"] = "docx",
                },
            },
        ];

        var card = (await SendAsync(upload)).Attachments!.Single().Content!.AsObject();

        var shown = card.ToJsonString(ProtocolJson.Options);
        Assert.Contains("17 mục sẽ được điền", shown);
        Assert.Contains("Theo đề mục «2.2. Phát triển kinh tế - xã hội» của dự thảo · 6 đoạn", shown);
        Assert.Contains("Đề mục «2.5. Công tác thi đua, khen thưởng»: không khớp mục nào của đề cương", shown);
        await using (var db = _app.OpenStore())
            Assert.Equal(0, await db.SectionDrafts.CountAsync());

        var confirm = Press(upload, card, "Điền vào báo cáo");
        var result = await SendAsync(confirm);
        var again = await SendAsync(Press(upload, card, "Điền vào báo cáo"));

        Assert.Contains("Đã điền 17 mục", result.Attachments!.Single().Content!.ToJsonString(ProtocolJson.Options));
        // A second press of the same button: the first one filled the report, so it is only said to be handled.
        Assert.Equal(TurnTexts.AlreadyHandled, again.Text);
        // What matched no section is given back as text, to be placed by hand.
        var aside = _connector.Requests.Select(r => r.Activity).OfType<Activity>().Where(a => a.ReplyToId == confirm.Id && a.Text is not null).Select(a => a.Text!).Single();
        Assert.Contains("«2.5. Công tác thi đua, khen thưởng»\nPhát động 6 đợt thi đua theo chuyên đề", aside);
        await using var after = _app.OpenStore();
        Assert.Equal(17, await after.SectionDrafts.CountAsync(d => d.Source == DraftSource.Imported));
        Assert.Equal(17, await after.SectionRevisions.CountAsync());
        Assert.Equal(1, await after.AuditEntries.CountAsync(a => a.Action == "report.draft-imported"));
    }

    [Fact]
    public async Task Office_staff_who_also_draft_still_send_a_plan_in_a_group_chat_where_drafts_are_not_taken()
    {
        const string office = "vanphong@hatinh.dcs.vn";
        await using (var db = _app.OpenStore())
        {
            var person = new Person { Id = Guid.NewGuid(), Email = office, DisplayName = "Văn phòng Tỉnh ủy", IsAdmin = true };
            db.People.Add(person);
            db.UnitMembers.Add(new UnitMember { UnitId = _seed.Unit.Id, PersonId = person.Id, Role = MemberRole.Drafter });
            await db.SaveChangesAsync();
        }
        var plan = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "seeds", DraftingSeed.LaiChau));
        var upload = TeamsActivities.Message(_connector.ServiceUrl, "<at>Trợ lý sơ kết</at>", "19:" + Guid.NewGuid().ToString("N") + "@thread.v2");
        upload.Conversation!.ConversationType = "groupChat";
        upload.Entities = [new JsonObject { ["type"] = "mention", ["text"] = "<at>Trợ lý sơ kết</at>", ["mentioned"] = new JsonObject { ["id"] = upload.Recipient!.Id } }];
        _connector.AddMember(upload.From!.Id!, "Văn phòng Tỉnh ủy", office);
        upload.Attachments =
        [
            new Attachment
            {
                ContentType = AttachmentReader.TeamsFileDownloadInfo, Name = "ke-hoach-125.txt",
                Content = new JsonObject { ["downloadUrl"] = _files.Put("ke-hoach-125.txt", plan), ["fileType"] = "txt" },
            },
        ];

        var reply = await SendAsync(upload);

        // A 1:1-only draft import does not take it here; the plan importer (any scope, office staff) does.
        Assert.Contains("Kết quả đọc kế hoạch", reply.Summary);
        await using var after = _app.OpenStore();
        Assert.Equal(1, await after.PendingPlanImports.CountAsync());
    }

    /// <summary>A press of an Action.Submit button in Teams: a message whose value is the button's data.</summary>
    private static Activity Press(Activity after, JsonObject card, string title)
    {
        var press = TeamsActivities.Message(after.ServiceUrl!, "", after.Conversation!.Id);
        press.From = after.From;
        press.Value = FindAction(card, title)!["data"]!.DeepClone();
        return press;
    }

    /// <summary>Posts the activity as the Teams channel would and returns the last message the bot sent in reply.</summary>
    private async Task<Activity> SendAsync(Activity activity)
    {
        var response = await _http.PostAsync("/api/messages", new StringContent(JsonSerializer.Serialize(activity, ProtocolJson.Options), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _connector.WaitForActivityAsync(r => r.Activity is { } a && a.ReplyToId == activity.Id && a.Type == ActivityTypes.Message, TimeSpan.FromSeconds(20));
        return _connector.Requests.Select(r => r.Activity).OfType<Activity>().Where(a => a.ReplyToId == activity.Id && a.Type == ActivityTypes.Message)
            .OrderBy(a => a.Attachments?.Count > 0 ? 1 : 0).Last();
    }
}
