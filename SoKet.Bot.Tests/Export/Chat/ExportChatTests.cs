using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.Channels.Files;
using SoKet.Bot.Protocol;
using SoKet.Bot.Reports;
using SoKet.Bot.Tests.Infrastructure;
using SoKet.Bot.People;

namespace SoKet.Bot.Tests.Export.Chat;

/// <summary>"xuất báo cáo" and "tổng hợp báo cáo" in chat: a download link in web chat, the file consent flow in Teams.</summary>
public sealed class ExportChatTests : IDisposable
{
    private const string SectionText = "Chi bộ đã kết nạp 3 đảng viên mới, đạt 100% chỉ tiêu nghị quyết đề ra.";
    private readonly BotApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_member_downloads_the_unit_report_as_a_party_document_from_web_chat()
    {
        // The browser that chats is the one that downloads: links are bound to its web chat user.
        using var http = _app.CreateHttpClient();
        var chat = new DirectLineClient(http);
        await chat.StartAsync();
        await chat.ReadBotActivitiesAsync(1);
        await SeedAsync(ChannelIds.WebChat, chat.UserId);

        await chat.SendAsync("xuất báo cáo");

        var reply = Assert.Single(await chat.ReadBotActivitiesAsync(1));
        Assert.Contains("đường dẫn tải tệp có hiệu lực", reply.Text, StringComparison.OrdinalIgnoreCase);
        var file = Assert.Single(reply.Attachments!);
        Assert.EndsWith(".docx", file.Name);
        var download = await http.GetAsync(file.ContentUrl);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var text = DocumentText(await download.Content.ReadAsByteArrayAsync());
        Assert.Contains("ĐẢNG CỘNG SẢN VIỆT NAM", text);
        Assert.Contains("CHI BỘ PHÒNG TÀI CHÍNH - KẾ HOẠCH", text);
        Assert.Contains(SectionText, text);
        Assert.Contains("Kết nạp đảng viên mới", text);

        var tampered = await http.GetAsync(file.ContentUrl!.Replace("exp=", "exp=9", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        Assert.Contains("hết hạn", await tampered.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_office_compiles_every_unit_and_lists_those_not_yet_reported()
    {
        using var http = _app.CreateHttpClient();
        var chat = new DirectLineClient(http);
        await chat.StartAsync();
        await chat.ReadBotActivitiesAsync(1);
        await SeedAsync(ChannelIds.WebChat, chat.UserId, submitted: true);

        await chat.SendAsync("tong hop bao cao");

        var replies = await chat.ReadBotActivitiesAsync(2);
        var reply = replies[0];
        Assert.Contains("1/2 đơn vị đã nộp", reply.Text);
        // Then the offer of the same document with a synthesis paragraph per section.
        Assert.Contains("Kèm đoạn tổng hợp", CardJson(replies[1]));
        var text = DocumentText(await http.GetByteArrayAsync(reply.Attachments![0].ContentUrl));
        Assert.Contains("Chi bộ Phòng Tài chính - Kế hoạch", text);
        Assert.Contains(SectionText, text);
        Assert.Contains("Đảng bộ phường Tân Phong", text);
    }

    [Fact]
    public async Task A_lower_is_better_indicator_is_combined_as_the_units_assessed_it()
    {
        using var http = _app.CreateHttpClient();
        var chat = new DirectLineClient(http);
        await chat.StartAsync();
        await chat.ReadBotActivitiesAsync(1);
        await SeedAsync(ChannelIds.WebChat, chat.UserId, submitted: true);
        // Both units brought the poverty rate below the target: each unit's own table says «Vượt».
        await using (var db = _app.OpenStore())
        {
            var units = db.Units.ToDictionary(u => u.Name, u => u.Id);
            var mine = db.Reports.Single(r => r.UnitId == units["Chi bộ Phòng Tài chính - Kế hoạch"]);
            var other = new Report
            {
                Id = Guid.NewGuid(), CampaignId = mine.CampaignId, UnitId = units["Đảng bộ phường Tân Phong"], Status = ReportStatus.Submitted, SubmittedAtUtc = DateTime.UtcNow,
            };
            db.Reports.Add(other);
            db.AddRange(
                new SoKet.Bot.Reports.IndicatorRow { Id = Guid.NewGuid(), ReportId = mine.Id, Order = 2, Name = "Tỷ lệ hộ nghèo", UnitOfMeasure = "%", Target = 2.5m, Result = 1.9m, LowerIsBetter = true },
                new SoKet.Bot.Reports.IndicatorRow { Id = Guid.NewGuid(), ReportId = other.Id, Order = 1, Name = "Tỷ lệ hộ nghèo", UnitOfMeasure = "%", Target = 2m, Result = 1.56m, LowerIsBetter = true });
            await db.SaveChangesAsync();
        }

        await chat.SendAsync("tổng hợp báo cáo");

        var reply = (await chat.ReadBotActivitiesAsync(2))[0];
        var rows = TableRows(await http.GetByteArrayAsync(reply.Attachments![0].ContentUrl));
        var combined = Assert.Single(rows, r => r.StartsWith("2 | Tỷ lệ hộ nghèo (bình quân)", StringComparison.Ordinal));
        // Averages 2,25 and 1,73: achieved at 2,25 ÷ 1,73 = 130,06%, not 1,73 ÷ 2,25 = 76,89% (which reads as a miss).
        Assert.Equal("2 | Tỷ lệ hộ nghèo (bình quân) | % | 2,25 | 1,73 |  | 130,06 | ", combined);
    }

    /// <summary>
    /// The web chat user of the demo: a member of a unit with a draft and office staff at once (local mode), so both
    /// exports are open to them and only the words decide. «xuất báo cáo tổng hợp» is the help card's own example.
    /// </summary>
    [Theory]
    [InlineData("xuất báo cáo tổng hợp", true)]
    [InlineData("xuat bao cao tong hop", true)]
    [InlineData("Xuất báo cáo tổng hợp", true)]
    [InlineData("tải báo cáo tổng hợp", true)]
    [InlineData("tai bao cao tong hop", true)]
    [InlineData("xuất file báo cáo tổng hợp", true)]
    [InlineData("xuat file bao cao tong hop", true)]
    [InlineData("tổng hợp báo cáo", true)]
    [InlineData("tong hop bao cao", true)]
    [InlineData("xuất báo cáo", false)]
    [InlineData("xuat bao cao", false)]
    [InlineData("tải báo cáo", false)]
    [InlineData("tai bao cao", false)]
    [InlineData("xuất file báo cáo", false)]
    [InlineData("xuat file bao cao", false)]
    public async Task Each_export_phrase_gives_the_consolidated_report_or_the_units_own_draft(string typed, bool consolidated)
    {
        using var http = _app.CreateHttpClient();
        var chat = new DirectLineClient(http);
        await chat.StartAsync();
        await chat.ReadBotActivitiesAsync(1);
        await SeedAsync(ChannelIds.WebChat, chat.UserId);

        await chat.SendAsync(typed);

        // Nothing is submitted, so the consolidation comes without the synthesis offer: one reply either way.
        var reply = Assert.Single(await chat.ReadBotActivitiesAsync(1));
        var file = Assert.Single(reply.Attachments!);
        var text = DocumentText(await http.GetByteArrayAsync(file.ContentUrl));
        if (consolidated)
        {
            Assert.StartsWith("tong-hop-", file.Name);
            Assert.Contains("Dự thảo tổng hợp 125-KH/ThU: 0/2 đơn vị đã nộp", reply.Text);
            Assert.Contains("Đảng bộ phường Tân Phong", text);
        }
        else
        {
            Assert.Equal("bao-cao-chi-bo-phong-tai-chinh-ke-hoach.docx", file.Name);
            Assert.Contains("Báo cáo của Chi bộ Phòng Tài chính - Kế hoạch (125-KH/ThU, bản dự thảo, chưa nộp)", reply.Text);
            Assert.DoesNotContain("Đảng bộ phường Tân Phong", text);
        }
    }

    [Fact]
    public async Task In_teams_the_file_arrives_through_the_consent_card_and_an_upload()
    {
        await using var connector = await LoopbackConnector.StartAsync();
        await using var oneDrive = await UploadTarget.StartAsync();
        // The fake OneDrive listens on http://127.0.0.1; the guarded client refuses that outside tests.
        _app.Settings["OutboundHttp:AllowLoopbackForTests"] = "true";
        using var http = _app.CreateHttpClient();
        var ask = TeamsActivities.Message(connector.ServiceUrl, "xuat bao cao");
        await SeedAsync(ChannelIds.Teams, ask.From!.Id!);

        await PostAsync(http, ask);
        var consent = await connector.WaitForActivityAsync(r => r.Activity?.ReplyToId == ask.Id, TimeSpan.FromSeconds(10));
        var card = Assert.Single(consent.Activity!.Attachments!);
        Assert.Equal(FileDelivery.FileConsentContentType, card.ContentType);

        var accept = TeamsActivities.Invoke(connector.ServiceUrl, FileDelivery.FileConsentInvoke, new JsonObject
        {
            ["type"] = "fileUpload",
            ["action"] = "accept",
            ["context"] = card.Content!["acceptContext"]!.DeepClone(),
            ["uploadInfo"] = new JsonObject
            {
                ["name"] = card.Name, ["uploadUrl"] = oneDrive.Url + "upload/session-1", ["contentUrl"] = "https://contoso.sharepoint.invalid/bao-cao.docx",
                ["uniqueId"] = "1A2B", ["fileType"] = "docx",
            },
        }, conversationId: ask.Conversation!.Id);
        accept.From = ask.From;
        var response = await PostAsync(http, accept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(SectionText, DocumentText(Assert.Single(oneDrive.Uploads)));
        var info = await connector.WaitForActivityAsync(r => r.Activity?.Attachments?.Any(a => a.ContentType == FileDelivery.FileInfoContentType) == true, TimeSpan.FromSeconds(10));
        Assert.Equal("1A2B", info.Activity!.Attachments![0].Content!["uniqueId"]!.GetValue<string>());
    }

    private async Task SeedAsync(string channelId, string userId, bool submitted = false)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "seeds", "ke-hoach-125-KH-ThU-lai-chau-2023.txt"));
        var campaign = CampaignFactory.Create(PlanImporter.Extract(text), text, "125.txt", "test", DateTime.UtcNow, useReferenceOutline: true);
        var group = campaign.Groups.First(g => g.Name == "Cấp cơ sở");
        var person = new Person { Id = Guid.NewGuid(), DisplayName = "Lò Văn Thắng", ChannelId = channelId, ChannelUserId = userId };
        var unit = new Unit { Id = Guid.NewGuid(), CampaignId = campaign.Id, Name = "Chi bộ Phòng Tài chính - Kế hoạch", GroupId = group.Id };
        unit.Members.Add(new UnitMember { UnitId = unit.Id, PersonId = person.Id, Role = MemberRole.Secretary });
        var other = new Unit { Id = Guid.NewGuid(), CampaignId = campaign.Id, Name = "Đảng bộ phường Tân Phong", GroupId = group.Id, HasCommittee = true };
        var section = campaign.Sections.Where(s => s.Kind == SectionKind.FreeText).OrderBy(s => s.Order).Last(s => !campaign.Sections.Any(c => c.ParentId == s.Id));
        var report = new Report
        {
            Id = Guid.NewGuid(), CampaignId = campaign.Id, UnitId = unit.Id,
            Status = submitted ? ReportStatus.Submitted : ReportStatus.Drafting, SubmittedAtUtc = submitted ? DateTime.UtcNow : null,
        };
        report.Sections.Add(new SectionDraft { Id = Guid.NewGuid(), ReportId = report.Id, SectionId = section.Id, Text = SectionText, Version = 1 });
        report.Indicators.Add(new SoKet.Bot.Reports.IndicatorRow { Id = Guid.NewGuid(), ReportId = report.Id, Name = "Kết nạp đảng viên mới", UnitOfMeasure = "đảng viên", Target = 3, Result = 3 });
        await using var db = _app.OpenStore();
        db.Campaigns.Add(campaign);
        db.People.Add(person);
        db.Units.AddRange(unit, other);
        db.Reports.Add(report);
        await db.SaveChangesAsync();
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, Activity activity) =>
        http.PostAsync("/api/messages", new StringContent(JsonSerializer.Serialize(activity, ProtocolJson.Options), Encoding.UTF8, "application/json"));

    private static string CardJson(Activity activity) =>
        activity.Attachments![0].Content!.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static string DocumentText(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return string.Join("\n", document.MainDocumentPart!.Document.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
    }

    /// <summary>Every table row of the document, its cells' text joined with " | ".</summary>
    private static List<string> TableRows(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return document.MainDocumentPart!.Document.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.TableRow>()
            .Select(r => string.Join(" | ", r.Elements<DocumentFormat.OpenXml.Wordprocessing.TableCell>().Select(c => c.InnerText)))
            .ToList();
    }

    /// <summary>Stands in for the OneDrive upload session Teams hands out: accepts a PUT with Content-Range.</summary>
    private sealed class UploadTarget : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private UploadTarget(WebApplication app) => _app = app;

        public List<byte[]> Uploads { get; } = [];
        public string Url { get; private set; } = "";

        public static async Task<UploadTarget> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var target = new UploadTarget(app);
            app.MapPut("/upload/{session}", async (HttpContext context) =>
            {
                using var buffer = new MemoryStream();
                await context.Request.Body.CopyToAsync(buffer);
                if (context.Request.Headers.ContentRange.Count == 0)
                    return Results.BadRequest();
                lock (target.Uploads)
                    target.Uploads.Add(buffer.ToArray());
                return Results.Created("/item", new { id = "item" });
            });
            await app.StartAsync();
            target.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";
            return target;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
