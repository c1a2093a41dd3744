using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Drafting.Suggestions;
using SoKet.Bot.Protocol;
using SoKet.Bot.Reports;
using SoKet.Bot.Tests.Infrastructure;
using static SoKet.Bot.Tests.Drafting.DraftingChat;

namespace SoKet.Bot.Tests.Drafting;

/// <summary>
/// "Gợi ý dự thảo" on an evaluative section over web chat: acknowledged at once, the suggestion arrives
/// proactively, grounded in the unit's own figures; accepting records who accepted an AI suggestion.
/// </summary>
public sealed class AiSuggestionChatTests : IAsyncLifetime
{
    private const string ResultsText = "Chi bộ kết nạp được 3 đảng viên mới; do công tác tạo nguồn còn chậm nên chưa đạt chỉ tiêu.";
    private readonly BotApp _app = new();
    private LoopbackModelServer? _model;
    private DraftingChat _an = null!;
    private DraftingSeed _seed = null!;
    private Guid _shortcomings;

    public async Task InitializeAsync() => await Task.CompletedTask;

    private async Task StartAsync(bool failingModel = false)
    {
        if (failingModel)
        {
            _model = await LoopbackModelServer.StartAsync();
            _model.Enqueue(ModelReply.Status(500), ModelReply.Status(500));
            _app.Settings["Ai:Provider"] = "OpenAICompatible";
            _app.Settings["Ai:Endpoint"] = _model.Endpoint;
            _app.Settings["Ai:Model"] = "local-model";
        }
        _an = await DraftingChat.OpenAsync(_app);
        await using var db = _app.OpenStore();
        _seed = await DraftingSeed.CreateAsync(db, [(_an.Client.UserId, "Nguyễn Văn An")], DraftingSeed.HaTinh);
        var leaves = _seed.Campaign.Sections.Where(s => !_seed.Campaign.Sections.Any(c => c.ParentId == s.Id)).OrderBy(s => s.Order).ToList();
        // "1. Về công tác xây dựng Đảng…" under "I. Hạn chế, khuyết điểm": a shortcomings section by its parent.
        var shortcomingsHeading = _seed.Campaign.Sections.First(s => Text.VietnameseText.Fold(s.Heading).StartsWith("han che, khuyet diem", StringComparison.Ordinal));
        _shortcomings = leaves.First(s => s.ParentId == shortcomingsHeading.Id).Id;
        var results = _seed.Campaign.Sections.OrderBy(s => s.Order).First(s => s.Id != _shortcomings && !_seed.Campaign.Sections.Any(c => c.ParentId == s.Id));

        await _an.SayAsync("soạn báo cáo");
        var report = await db.Reports.SingleAsync();
        db.SectionDrafts.Add(new SectionDraft { Id = Guid.NewGuid(), ReportId = report.Id, SectionId = results.Id, Text = ResultsText, Version = 1 });
        db.IndicatorRows.Add(new IndicatorRow { Id = Guid.NewGuid(), ReportId = report.Id, Order = 1, Name = "Kết nạp đảng viên mới", UnitOfMeasure = "đảng viên", Target = 5, Result = 3 });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        _app.Dispose();
        if (_model is not null)
            await _model.DisposeAsync();
    }

    [Fact]
    public async Task A_suggestion_arrives_grounded_and_accepting_it_is_recorded_as_ai_assisted()
    {
        await StartAsync();
        await OpenSectionAsync(_shortcomings);
        Assert.Contains("Gợi ý dự thảo", Titles(_an.Card!));

        var ack = await _an.PressAsync("Gợi ý dự thảo");
        Assert.Contains(SuggestionChat.Working, Texts(ack));

        var suggestion = await WaitForSuggestionCardAsync();
        var text = InputValue(suggestion, "text")!;
        Assert.Contains("Kết nạp đảng viên mới", text);
        Assert.True(text.Contains("5", StringComparison.Ordinal), text);
        Assert.Contains("3", text);
        await using (var db = _app.OpenStore())
        {
            // Nothing enters the report until a person accepts: the suggestion waits beside the empty section.
            var pending = await db.SectionDrafts.SingleAsync(d => d.SectionId == _shortcomings);
            Assert.Equal("", pending.Text);
            Assert.Equal(text.Replace("\r\n", "\n", StringComparison.Ordinal), pending.PendingSuggestion);
        }

        var accepted = await _an.PressAsync("Đưa vào báo cáo", new { text }, suggestion);

        Assert.Contains("Đã đưa gợi ý vào báo cáo", Texts(accepted));
        await using var after = _app.OpenStore();
        var draft = await after.SectionDrafts.SingleAsync(d => d.SectionId == _shortcomings);
        Assert.Equal(text.Replace("\r\n", "\n", StringComparison.Ordinal), draft.Text);
        Assert.Equal(DraftSource.AiAccepted, draft.Source);
        Assert.Null(draft.PendingSuggestion);
        var revision = await after.SectionRevisions.SingleAsync(r => r.DraftId == draft.Id);
        Assert.Equal("Nguyễn Văn An", revision.AuthorName);
        Assert.Equal(DraftSource.AiAccepted, revision.Source);
    }

    [Fact]
    public async Task Accepting_redraws_the_open_section_card_with_the_new_text_and_an_undo()
    {
        await StartAsync();
        await OpenSectionAsync(_shortcomings);
        var before = _an.Card!;
        await _an.PressAsync("Gợi ý dự thảo");
        var suggestion = await WaitForSuggestionCardAsync();
        const string accepted = "Công tác tạo nguồn phát triển đảng viên còn chậm.";

        var replies = await _an.PressAsync("Đưa vào báo cáo", new { text = accepted }, suggestion);

        var card = LastCard(replies) ?? throw new InvalidOperationException("No card after the accept.");
        Assert.Equal(accepted, InputValue(card, "text"));
        Assert.Contains("Đã đưa gợi ý vào báo cáo", Texts(replies));
        Assert.Contains("Hoàn tác", Titles(card));

        // The card from before the accept no longer saves over the accepted text: its press is refused and its text
        // given back, instead of meeting the version check as "another comrade's" change.
        var stale = await _an.PressAsync("Lưu", new { text = "Nội dung cũ trên thẻ trước." }, before);
        Assert.Contains(SoKet.Bot.Turns.TypedOnCard.Intro, Texts(stale));
        // The new card saves.
        await _an.PressAsync("Lưu", new { text = accepted + " Cần khắc phục trong năm tới." }, card);
        await using (var db = _app.OpenStore())
            Assert.Equal(accepted + " Cần khắc phục trong năm tới.", (await db.SectionDrafts.SingleAsync(d => d.SectionId == _shortcomings)).Text);
    }

    [Fact]
    public async Task Undo_after_accepting_takes_the_section_back_to_what_it_was()
    {
        await StartAsync();
        await OpenSectionAsync(_shortcomings);
        await _an.PressAsync("Gợi ý dự thảo");
        var suggestion = await WaitForSuggestionCardAsync();
        await _an.PressAsync("Đưa vào báo cáo", new { text = "Gợi ý được chấp nhận rồi hoàn tác." }, suggestion);

        await _an.PressAsync("Hoàn tác");

        await using var db = _app.OpenStore();
        Assert.Equal("", (await db.SectionDrafts.SingleAsync(d => d.SectionId == _shortcomings)).Text);
    }

    [Fact]
    public void A_second_request_for_a_section_being_written_is_not_queued_again()
    {
        var queue = new SuggestionQueue();
        var reference = new ConversationReference { ChannelId = ChannelIds.WebChat, ServiceUrl = "urn:soket:webchat", ConversationId = "c" };
        var job = new SuggestionJob(Guid.NewGuid(), Guid.NewGuid(), reference, null, "Nguyễn Văn An");

        Assert.Equal(SuggestionEnqueue.Queued, queue.TryEnqueue(job));
        Assert.Equal(SuggestionEnqueue.AlreadyWriting, queue.TryEnqueue(job with { RequestedBy = "Trần Thị Chi" }));
        queue.Done(job);
        Assert.Equal(SuggestionEnqueue.Queued, queue.TryEnqueue(job));
    }

    [Fact]
    public async Task An_edited_suggestion_is_recorded_as_edited_and_a_second_press_changes_nothing()
    {
        await StartAsync();
        await OpenSectionAsync(_shortcomings);
        await _an.PressAsync("Gợi ý dự thảo");
        var suggestion = await WaitForSuggestionCardAsync();

        await _an.PressAsync("Đưa vào báo cáo", new { text = "Công tác phát triển đảng viên còn hạn chế." }, suggestion);
        var again = await _an.PressAsync("Đưa vào báo cáo", new { text = "Nội dung khác" }, suggestion);

        Assert.Contains("đã được xử lý", Texts(again));
        await using var db = _app.OpenStore();
        var draft = await db.SectionDrafts.SingleAsync(d => d.SectionId == _shortcomings);
        Assert.Equal("Công tác phát triển đảng viên còn hạn chế.", draft.Text);
        Assert.Equal(DraftSource.AiEdited, draft.Source);
        Assert.Equal(1, await db.SectionRevisions.CountAsync(r => r.DraftId == draft.Id));
    }

    [Fact]
    public async Task A_failing_model_falls_back_to_the_deterministic_drafter_and_keeps_the_section_text()
    {
        await StartAsync(failingModel: true);
        await OpenSectionAsync(_shortcomings);
        await _an.PressAsync("Lưu", new { text = "Nội dung đồng chí An đã viết." });
        await OpenSectionAsync(_shortcomings);

        await _an.PressAsync("Gợi ý dự thảo");
        var suggestion = await WaitForSuggestionCardAsync();

        var card = suggestion.ToJsonString(ProtocolJson.Options);
        Assert.Contains("Kết nạp đảng viên mới", InputValue(suggestion, "text"));
        Assert.Contains("soạn tự động", card);
        Assert.NotEmpty(_model!.Requests);
        await using var db = _app.OpenStore();
        var draft = await db.SectionDrafts.SingleAsync(d => d.SectionId == _shortcomings);
        Assert.Equal("Nội dung đồng chí An đã viết.", draft.Text);
        Assert.NotNull(draft.PendingSuggestion);
    }

    private async Task OpenSectionAsync(Guid sectionId)
    {
        if (FindOpen(_an.Card!, sectionId) is null)
            await _an.PressAsync("Mục khác");
        var open = FindOpen(_an.Card!, sectionId) ?? throw new InvalidOperationException("The overview has no button for the section: "
            + string.Join(", ", Actions(_an.Card!).Select(a => a["data"]?.ToJsonString())));
        await _an.SubmitAsync(open["data"]!.DeepClone());
    }

    private static JsonObject? FindOpen(JsonObject card, Guid sectionId) =>
        Actions(card).FirstOrDefault(a => a["data"]?["sectionId"]?.GetValue<string>() == sectionId.ToString() && a["data"]?["action"]?.GetValue<string>() == "report.open");

    private async Task<JsonObject> WaitForSuggestionCardAsync()
    {
        // A fast drafter may answer before the acknowledgement's poll ended; that card is the chat's last one.
        if (_an.Card is { } last && last.ToJsonString(ProtocolJson.Options).Contains("Đưa vào báo cáo", StringComparison.Ordinal))
            return last;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var activity in await _an.Client.PollAsync())
            {
                if (LastCard([activity]) is { } card && card.ToJsonString(ProtocolJson.Options).Contains("Đưa vào báo cáo", StringComparison.Ordinal))
                    return card;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("No suggestion card arrived.");
    }
}
