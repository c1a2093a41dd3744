using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SoKet.Bot.Channels.Files;
using SoKet.Bot.Export;
using SoKet.Bot.People;
using SoKet.Bot.Protocol;
using SoKet.Bot.Tests.Demo;
using SoKet.Bot.Tests.Drafting;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Export.Synthesis;

/// <summary>
/// "tổng hợp báo cáo" → "Kèm đoạn tổng hợp" on the live demo (three units submitted, 14 outline sections written by
/// at least one of them): the job runs in the background, one progress message is updated in place, and the
/// consolidated .docx arrives with a synthesis paragraph per section marked as a draft.
/// </summary>
[Trait("Category", "Store")]
public sealed class SynthesisChatTests
{
    private const int Sections = 14;

    [Fact]
    public async Task Without_a_model_the_office_gets_one_progress_line_and_the_document_with_offline_drafts()
    {
        using var bed = DemoBed.Start();
        var chat = await OpenChatAsync(bed);

        await chat.SendAsync("tổng hợp báo cáo");
        var offer = (await chat.ReadBotActivitiesAsync(2)).Single(a => a.Attachments?.Any(x => x.ContentType == Attachment.AdaptiveCardContentType) == true);
        var card = offer.Attachments![0].Content!;
        Assert.Contains("Chưa cấu hình mô hình AI", card.ToJsonString(Json), StringComparison.Ordinal);
        await chat.SendAsync(null, Button(card, "Kèm đoạn tổng hợp"));
        var seen = await ReadUntilDocumentAsync(chat);

        // The progress line answers the press; then the document. Nothing else.
        Assert.Equal(2, seen.Select(a => a.Id).Distinct().Count());
        var file = seen[^1];
        Assert.Contains($"kèm đoạn tổng hợp cho {Sections} mục (3/9 đơn vị đã nộp)", file.Text, StringComparison.Ordinal);
        Assert.Contains("chưa cấu hình mô hình AI", file.Text, StringComparison.Ordinal);
        // The progress line is one message updated in place: the transcript, read again from the start, holds it once.
        chat.Rewind();
        var progress = Assert.Single(await chat.PollAsync(), a => a.Text?.Contains("tổng hợp mục", StringComparison.Ordinal) == true || a.Text?.StartsWith("Đã tổng hợp", StringComparison.Ordinal) == true);
        Assert.Equal($"Đã tổng hợp {Sections}/{Sections} mục.", progress.Text);

        var text = await DocumentAsync(bed, file);
        Assert.Equal(Sections, Occurrences(text, PartyDocumentWriter.SuggestionMarker));
        // Each unit's two most telling sentences (with figures first), quoted under its name.
        Assert.Contains("- Đảng bộ phường Đông Phong: Đảng ủy tổ chức quán triệt các nghị quyết, chỉ thị của cấp trên cho 100% cán bộ, đảng viên. " +
            "Từ sau đại hội đến nay đã kết nạp 26 đảng viên mới, bằng 86,7% chỉ tiêu nhiệm kỳ.", text, StringComparison.Ordinal);
        Assert.Contains("do Trợ lý sơ kết tự soạn từ nội dung các đơn vị đã nộp", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_model_progress_moves_section_by_section_and_an_invented_figure_is_dropped()
    {
        await using var model = await LoopbackModelServer.StartAsync();
        using var bed = DemoBed.Start(settings: s =>
        {
            foreach (var (key, value) in DraftingHost.Compatible(model))
                s[key] = value;
        });
        const string kept = "Đảng bộ phường Đông Phong có 14 chi bộ trực thuộc với 412 đảng viên. Ủy ban nhân dân thành phố báo cáo thành phố có 7 đơn vị hành chính cấp xã.";
        const string invented = "Toàn thành phố có 98 thôn, tổ dân phố.";
        var pause = TimeSpan.FromMilliseconds(300);
        // "A. Khái quát đặc điểm tình hình" first: an invented figure, again after the request to rewrite; then the other sections.
        model.Enqueue(ModelReply.Delayed(pause, ModelReply.Text(kept + " " + invented)), ModelReply.Delayed(pause, ModelReply.Text(kept + " " + invented)));
        for (var i = 1; i < Sections; i++)
            model.Enqueue(ModelReply.Delayed(pause, ModelReply.Text("Các đơn vị đã nêu kết quả chủ yếu của mục này.")));
        var chat = await OpenChatAsync(bed);

        await chat.SendAsync("tổng hợp báo cáo kèm đoạn tổng hợp");
        var seen = await ReadUntilDocumentAsync(chat);

        // One message, updated as sections complete: several versions under one id, in order, ending finished.
        var progress = seen.Where(a => a.Text?.StartsWith("Đang tổng hợp mục", StringComparison.Ordinal) == true || a.Text?.StartsWith("Đã tổng hợp", StringComparison.Ordinal) == true).ToList();
        Assert.Single(progress.Select(a => a.Id).Distinct());
        Assert.True(progress.Count >= 3, string.Join(" | ", progress.Select(a => a.Text)));
        var numbers = progress.SkipLast(1).Select(a => int.Parse(a.Text!["Đang tổng hợp mục ".Length..a.Text!.IndexOf('/', StringComparison.Ordinal)])).ToList();
        Assert.Equal(numbers.Order(), numbers);
        Assert.Equal($"Đã tổng hợp {Sections}/{Sections} mục.", progress[^1].Text);

        var file = seen[^1];
        Assert.Contains("đoạn tổng hợp do mô hình AI «soket-test-model» soạn", file.Text, StringComparison.Ordinal);
        Assert.Contains("đã lược bỏ 1 câu có số liệu không có trong báo cáo của đơn vị", file.Text, StringComparison.Ordinal);
        var text = await DocumentAsync(bed, file);
        Assert.Contains(kept, text, StringComparison.Ordinal);
        Assert.DoesNotContain("98 thôn", text, StringComparison.Ordinal);
        Assert.Equal(Sections + 1, model.Requests.Count);
        // The model saw the units' submitted text, under their names, and nothing of the units that did not submit.
        var data = model.Requests[0].TaskMessage;
        Assert.Contains("### Đảng bộ phường Đông Phong\nPhường Đông Phong có diện tích tự nhiên 1.021 ha", data, StringComparison.Ordinal);
        Assert.DoesNotContain("Tân Phong", data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_teams_the_progress_is_updated_through_the_connector_and_the_file_comes_with_a_consent_card()
    {
        await using var connector = await LoopbackConnector.StartAsync();
        using var bed = DemoBed.Start();
        var admin = Guid.NewGuid().ToString();
        await using (var db = bed.OpenStore())
        {
            db.People.Add(new Person { Id = Guid.NewGuid(), DisplayName = "Văn phòng Thành ủy", AadObjectId = admin, IsAdmin = true });
            await db.SaveChangesAsync();
        }
        var ask = TeamsActivities.Message(connector.ServiceUrl, "tổng hợp báo cáo kèm đoạn tổng hợp");
        ask.From!.AadObjectId = admin;
        using var http = bed.App.CreateHttpClient();

        var response = await http.PostAsync("/api/messages", new StringContent(JsonSerializer.Serialize(ask, ProtocolJson.Options), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var consent = await connector.WaitForActivityAsync(
            r => r.Operation == ConnectorOperation.SendToConversation && r.Activity?.Attachments?.Any(a => a.ContentType == FileDelivery.FileConsentContentType) == true,
            TimeSpan.FromSeconds(30));
        Assert.StartsWith("tong-hop-kem-doan-tong-hop-", consent.Activity!.Attachments![0].Name, StringComparison.Ordinal);

        var requests = connector.Requests.Where(r => r.ConversationId == ask.Conversation!.Id).ToList();
        Assert.Contains(requests, r => r.Operation == ConnectorOperation.SendToConversation && r.Activity?.Text == $"Đang tổng hợp mục 1/{Sections}…");
        var updates = requests.Where(r => r.Operation == ConnectorOperation.UpdateActivity).ToList();
        Assert.NotEmpty(updates);
        Assert.Single(updates.Select(u => u.ActivityId).Distinct());
        Assert.Equal($"Đã tổng hợp {Sections}/{Sections} mục.", updates[^1].Activity!.Text);
        // Teams counts updates against the conversation's limits: never two within the gap.
        Assert.All(updates.Zip(updates.Skip(1)), p => Assert.True(p.Second.ReceivedAt - p.First.ReceivedAt >= TimeSpan.FromSeconds(1.4)));
    }

    [Fact]
    public async Task A_forged_campaign_id_is_refused_and_nothing_is_compiled()
    {
        using var bed = DemoBed.Start();
        var chat = await OpenChatAsync(bed);

        await chat.SendAsync(null, new JsonObject { ["action"] = "tong-hop-kem-doan", ["campaignId"] = Guid.NewGuid().ToString() });
        var reply = Assert.Single(await chat.ReadBotActivitiesAsync(1));
        await Task.Delay(1000);

        Assert.Contains("không còn mở hoặc không tồn tại", reply.Text, StringComparison.Ordinal);
        Assert.Empty(await chat.PollAsync());
    }

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static async Task<DirectLineClient> OpenChatAsync(DemoBed bed)
    {
        var chat = new DirectLineClient(bed.App.CreateHttpClient());
        await chat.StartAsync();
        await chat.ReadBotActivitiesAsync(1);
        return chat;
    }

    /// <summary>Polls often, keeping every version of every bot message seen, until the .docx arrives.</summary>
    private static async Task<List<Activity>> ReadUntilDocumentAsync(DirectLineClient chat)
    {
        var seen = new List<Activity>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var activity in await chat.PollAsync())
            {
                if (activity.From?.Role != "bot" || activity.Type == ActivityTypes.Typing)
                    continue;
                seen.Add(activity);
                if (activity.Attachments?.Any(a => a.Name?.EndsWith(".docx", StringComparison.Ordinal) == true) == true)
                    return seen;
            }
            await Task.Delay(40);
        }
        Assert.Fail("No document within a minute: " + string.Join(" | ", seen.Select(a => a.Text)));
        return seen;
    }

    private static JsonObject Button(JsonNode card, string title)
    {
        var action = card["actions"]!.AsArray().Single(a => a!["title"]!.GetValue<string>() == title)!;
        return action["data"]!.AsObject().DeepClone().AsObject();
    }

    private static async Task<string> DocumentAsync(DemoBed bed, Activity file)
    {
        using var http = bed.App.CreateHttpClient();
        return DemoBed.DocumentText(await http.GetByteArrayAsync(file.Attachments![0].ContentUrl));
    }

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
            count++;
        return count;
    }
}
