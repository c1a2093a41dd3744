using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.Channels.Attachments;
using SoKet.Bot.People;
using SoKet.Bot.Protocol;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Campaigns.Chat;

/// <summary>
/// Who may do what, with Teams-shaped activities: members are linked by the e-mail Teams' member
/// lookup returns; only admins create campaigns; members see only their own unit's campaigns.
/// </summary>
[Trait("Category", "Store")]
public sealed class CampaignRolesTests : IAsyncLifetime
{
    private const string MemberEmail = "an.nv@laichau.dcs.vn";
    private const string AdminEmail = "vanphong@laichau.dcs.vn";
    private readonly BotApp _app = new();
    private LoopbackConnector _connector = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _connector = await LoopbackConnector.StartAsync();
        _app.Settings["People:AdminEmails:0"] = AdminEmail;
        _http = _app.CreateHttpClient();

        await using var db = _app.OpenStore();
        var laiChau = Create("ke-hoach-125-KH-ThU-lai-chau-2023.txt");
        var haTinh = Create("ke-hoach-150-KH-TU-ha-tinh-2023.txt");
        db.Campaigns.AddRange(laiChau, haTinh);
        var member = new Person { Id = Guid.NewGuid(), Email = MemberEmail, DisplayName = "Nguyễn Văn An" };
        var admin = new Person { Id = Guid.NewGuid(), Email = AdminEmail, DisplayName = "Văn phòng Thành ủy" };
        db.People.AddRange(member, admin);
        var unit = new Unit
        {
            Id = Guid.NewGuid(), CampaignId = laiChau.Id, Name = "Chi bộ Phòng Tài chính - Kế hoạch",
            GroupId = laiChau.Groups.First(g => g.Name == "Cấp cơ sở").Id, HasCommittee = false,
        };
        unit.Members.Add(new UnitMember { UnitId = unit.Id, PersonId = member.Id, Role = MemberRole.Drafter });
        db.Units.Add(unit);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _app.Dispose();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task A_member_is_linked_by_email_and_sees_only_the_campaigns_of_their_unit()
    {
        var activity = TeamsActivities.Message(_connector.ServiceUrl, "dot so ket nao dang mo?");
        _connector.AddMember(activity.From!.Id!, "Nguyễn Văn An", MemberEmail);

        var reply = await AskAsync(activity);

        Assert.Contains("125-KH/ThU", reply.Text);
        Assert.DoesNotContain("150-KH/TU", reply.Text);
        await using var db = _app.OpenStore();
        var person = await db.People.SingleAsync(p => p.Email == MemberEmail);
        Assert.Equal(activity.From.Id, person.ChannelUserId);
        Assert.Equal(TeamsActivities.UserAadObjectId, person.AadObjectId);
    }

    [Fact]
    public async Task A_member_who_tries_to_create_a_campaign_or_send_a_plan_is_politely_refused()
    {
        var ask = TeamsActivities.Message(_connector.ServiceUrl, "tạo đợt sơ kết");
        _connector.AddMember(ask.From!.Id!, "Nguyễn Văn An", MemberEmail);
        var refusal = await AskAsync(ask);

        var upload = TeamsActivities.Message(_connector.ServiceUrl, "", conversationId: ask.Conversation!.Id);
        upload.From = ask.From;
        upload.Attachments =
        [
            new Attachment
            {
                ContentType = AttachmentReader.TeamsFileDownloadInfo, Name = "ke-hoach.docx",
                Content = new JsonObject { ["downloadUrl"] = _connector.ServiceUrl + "files/ke-hoach.docx", ["fileType"] = "docx" },
            },
        ];
        var uploadRefusal = await AskAsync(upload);

        Assert.Equal(SoKet.Bot.Turns.TurnTexts.NotAllowed, refusal.Text);
        // A unit member's .docx is taken as the unit's own draft (issue 14), never as a plan: here the download fails.
        Assert.Equal("Tôi không tải được tệp «ke-hoach.docx». Đồng chí vui lòng gửi lại tệp.", uploadRefusal.Text);
        await using var db = _app.OpenStore();
        Assert.Equal(0, await db.PendingPlanImports.CountAsync());
        Assert.Equal(2, await db.Campaigns.CountAsync());
    }

    [Fact]
    public async Task An_admin_named_in_configuration_may_create_campaigns_and_sees_all_of_them()
    {
        var ask = TeamsActivities.Message(_connector.ServiceUrl, "tao dot so ket");
        _connector.AddMember(ask.From!.Id!, "Văn phòng Thành ủy", AdminEmail);
        var answer = await AskAsync(ask);

        var list = TeamsActivities.Message(_connector.ServiceUrl, "Các đợt sơ kết đang mở", conversationId: ask.Conversation!.Id);
        list.From = ask.From;
        var listed = await AskAsync(list);

        Assert.Contains("gửi tệp kế hoạch", answer.Text);
        Assert.Contains("125-KH/ThU", listed.Text);
        Assert.Contains("150-KH/TU", listed.Text);
    }

    [Fact]
    public async Task Someone_the_office_has_not_registered_sees_no_campaign()
    {
        var activity = TeamsActivities.Message(_connector.ServiceUrl, "đợt sơ kết nào đang mở");

        var reply = await AskAsync(activity);

        Assert.Contains("chưa có đợt sơ kết nào đang mở liên quan", reply.Text);
    }

    private async Task<Activity> AskAsync(Activity activity)
    {
        var response = await _http.PostAsync("/api/messages",
            new StringContent(JsonSerializer.Serialize(activity, ProtocolJson.Options), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await _connector.WaitForActivityAsync(r => r.Activity?.ReplyToId == activity.Id, TimeSpan.FromSeconds(10));
        return reply.Activity!;
    }

    private static Campaign Create(string seed)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "seeds", seed));
        return CampaignFactory.Create(PlanImporter.Extract(text), text, seed, "test", DateTime.UtcNow);
    }
}
