using Microsoft.Extensions.DependencyInjection;
using SoKet.Bot.Drafting.Suggestions;
using SoKet.Bot.Protocol;
using SoKet.Bot.Reports;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Drafting;

/// <summary>In a Teams 1:1 chat a model's suggestion streams in with streaminfo entities, ending with the card.</summary>
public sealed class TeamsSuggestionStreamTests : IAsyncLifetime
{
    private readonly BotApp _app = new();
    private LoopbackConnector _connector = null!;
    private LoopbackModelServer _model = null!;

    public async Task InitializeAsync()
    {
        _connector = await LoopbackConnector.StartAsync();
        _model = await LoopbackModelServer.StartAsync();
        _app.Settings["Ai:Provider"] = "OpenAICompatible";
        _app.Settings["Ai:Endpoint"] = _model.Endpoint;
        _app.Settings["Ai:Model"] = "local-model";
        _app.Start();
    }

    public async Task DisposeAsync()
    {
        _app.Dispose();
        await _connector.DisposeAsync();
        await _model.DisposeAsync();
    }

    [Fact]
    public async Task The_suggestion_streams_and_ends_with_the_card_in_one_stream()
    {
        _model.Enqueue(ModelReply.Text(
            "Công tác phát triển đảng viên còn hạn chế: ",
            "chỉ tiêu kết nạp 5 đảng viên mới, ",
            "kết quả thực hiện 3 đảng viên, chưa đạt chỉ tiêu nghị quyết."));
        var (reportId, sectionId) = await SeedAsync();
        var conversation = new ConversationReference
        {
            ChannelId = ChannelIds.Teams, ServiceUrl = _connector.ServiceUrl, ConversationId = "a:1stream-test",
            ConversationType = "personal", TenantId = TeamsActivities.TenantId, UserId = "29:1drafter", BotId = "28:soket",
        };

        Assert.Equal(SuggestionEnqueue.Queued, _app.Services.GetRequiredService<SuggestionQueue>().TryEnqueue(new SuggestionJob(reportId, sectionId, conversation, null, "Nguyễn Văn An")));

        var final = await _connector.WaitForActivityAsync(r => r.Activity?.Type == ActivityTypes.Message && r.ConversationId == "a:1stream-test", TimeSpan.FromSeconds(20));
        var sent = _connector.Requests.Where(r => r.ConversationId == "a:1stream-test").Select(r => r.Activity!).ToList();
        var opening = sent[0];
        Assert.Equal(ActivityTypes.Typing, opening.Type);
        Assert.Equal("informative", opening.Entities![0]["streamType"]!.GetValue<string>());
        Assert.Equal(1, opening.Entities[0]["streamSequence"]!.GetValue<int>());
        // The id the Connector gave the opening activity names the stream in every later one.
        var streamId = final.Activity!.Entities![0]["streamId"]!.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(streamId));
        var updates = sent.Skip(1).Where(a => a.Type == ActivityTypes.Typing).ToList();
        Assert.All(updates, u => Assert.Equal(streamId, u.Entities![0]["streamId"]!.GetValue<string>()));
        Assert.Equal(updates.Select(u => u.Entities![0]["streamSequence"]!.GetValue<int>()), updates.Select((_, i) => i + 2));
        Assert.Equal("final", final.Activity!.Entities![0]["streamType"]!.GetValue<string>());
        Assert.Null(final.Activity.Entities[0]["streamSequence"]);
        Assert.Equal(Attachment.AdaptiveCardContentType, Assert.Single(final.Activity.Attachments!).ContentType);
        Assert.Contains("3 đảng viên", final.Activity.Attachments![0].Content!.ToJsonString(ProtocolJson.Options));
        Assert.True(_model.Requests.Single().Stream, "the model is asked to stream when the chat can show it");
    }

    private async Task<(Guid ReportId, Guid SectionId)> SeedAsync()
    {
        await using var db = _app.OpenStore();
        var seed = await DraftingSeed.CreateAsync(db, [], DraftingSeed.HaTinh);
        var heading = seed.Campaign.Sections.First(s => Text.VietnameseText.Fold(s.Heading).StartsWith("han che, khuyet diem", StringComparison.Ordinal));
        var section = seed.Campaign.Sections.Where(s => s.ParentId == heading.Id).OrderBy(s => s.Order).First();
        var report = new Report { Id = Guid.NewGuid(), CampaignId = seed.Campaign.Id, UnitId = seed.Unit.Id, Status = ReportStatus.Drafting };
        db.Reports.Add(report);
        db.IndicatorRows.Add(new IndicatorRow { Id = Guid.NewGuid(), ReportId = report.Id, Order = 1, Name = "Kết nạp đảng viên mới", UnitOfMeasure = "đảng viên", Target = 5, Result = 3 });
        await db.SaveChangesAsync();
        return (report.Id, section.Id);
    }
}
