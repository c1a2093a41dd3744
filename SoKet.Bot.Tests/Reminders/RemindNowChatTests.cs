using System.Text.Json.Nodes;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Campaigns.Import;
using SoKet.Bot.Reminders.Outbox;

namespace SoKet.Bot.Tests.Reminders;

/// <summary>
/// The office's «đôn đốc» over HTTP as Teams sends it, on the real store, with the sender driven by hand: which units
/// a command reminds and what the reply says of the others, and that pressing again (or typing again) while the
/// first reminder still waits queues nothing — each person gets one message.
/// </summary>
public sealed class RemindNowChatTests : IAsyncLifetime
{
    private const string LateGroup = "HĐND, UBND thành phố";
    private ReminderTestBed _bed = null!;

    /// <summary>
    /// Like the demo: the grassroots units (Chi bộ số 1–4) report by Friday 14/07/2023, Chi bộ số 1 has submitted;
    /// Chi bộ số 5 and 6 are in a group whose deadline, Friday 30/06, has passed. Five units have not submitted, two of them late.
    /// </summary>
    private async Task StartAsync(DateTimeOffset now)
    {
        _bed = await ReminderTestBed.StartAsync(now, VietnamTime.Day(2023, 7, 14), units: 4);
        await _bed.SubmitAsync(_bed.Units[0]);
        await using var db = _bed.App.OpenStore();
        var group = new CampaignGroup { Id = Guid.NewGuid(), CampaignId = _bed.CampaignId, Name = LateGroup };
        db.Add(group);
        db.Add(new CampaignDeadline
        {
            Id = Guid.NewGuid(), CampaignId = _bed.CampaignId, GroupId = group.Id, Due = DueKind.Report, Timing = DeadlineTiming.OnDate,
            Date = new DateTime(2023, 6, 30), DatePrecision = DatePrecision.Day, What = "Gửi báo cáo sơ kết", Source = "trước ngày 30/6/2023",
        });
        await db.SaveChangesAsync();
        await _bed.AddUnitsAsync(db, 2);
        foreach (var seeded in _bed.Units.Skip(4))
            db.Units.Single(u => u.Id == seeded.UnitId).GroupId = group.Id;
        await db.SaveChangesAsync();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_bed is not null)
            await _bed.DisposeAsync();
    }

    [Theory]
    [InlineData("đôn đốc tất cả")]
    [InlineData("don doc cac don vi qua han")]
    public async Task Reminding_the_late_units_names_them_and_says_the_others_are_not_yet_due(string typed)
    {
        await StartAsync(VietnamTime.At(2023, 7, 3, 10, 0));

        var reply = await _bed.AskAsync(_bed.AdminAad, typed);

        Assert.Contains("Đã xếp lịch gửi tin nhắn đôn đốc tới 2 cán bộ của 2 đơn vị quá hạn: Chi bộ số 5; Chi bộ số 6.", reply.Text);
        Assert.Contains("3 đơn vị chưa nộp khác chưa đến hạn (hạn nộp 14/07/2023) nên chưa nhắc: Chi bộ số 2; Chi bộ số 3; Chi bộ số 4.", reply.Text);
        Assert.Contains("«đôn đốc các đơn vị chưa nộp»", reply.Text);
        await _bed.SendDueAsync();
        Assert.Equal([0, 0, 0, 0, 1, 1], _bed.Units.Select(u => _bed.Delivered(u.ConversationId).Count));
    }

    [Theory]
    [InlineData("đôn đốc các đơn vị chưa nộp")]
    [InlineData("don doc cac don vi chua nop")]
    public async Task The_help_cards_example_reminds_every_unit_that_has_not_submitted(string typed)
    {
        await StartAsync(VietnamTime.At(2023, 7, 3, 10, 0));

        var reply = await _bed.AskAsync(_bed.AdminAad, typed);

        Assert.Contains("Đã xếp lịch gửi tin nhắn đôn đốc tới 5 cán bộ của 5 đơn vị chưa nộp báo cáo: Chi bộ số 2; Chi bộ số 3; Chi bộ số 4; Chi bộ số 5; Chi bộ số 6.", reply.Text);
        Assert.DoesNotContain("chưa đến hạn", reply.Text);
        await _bed.SendDueAsync();
        Assert.Equal([0, 1, 1, 1, 1, 1], _bed.Units.Select(u => _bed.Delivered(u.ConversationId).Count));
        Assert.Contains("còn 11 ngày", CardText.Of(_bed.Delivered(_bed.Units[1].ConversationId).Single()));
        Assert.Contains("đã quá hạn 3 ngày", CardText.Of(_bed.Delivered(_bed.Units[4].ConversationId).Single()));
    }

    [Fact]
    public async Task Pressing_again_while_the_reminders_wait_queues_nothing_and_each_person_gets_one_message()
    {
        // Monday 18:00, after working hours: nothing is sent until 07:30 on Tuesday, so every press finds the first ones waiting.
        await StartAsync(VietnamTime.At(2023, 7, 3, 18, 0));
        await using (var db = _bed.App.OpenStore())
            await _bed.AddUnitsAsync(db, 1, withConversation: false);

        var first = await _bed.AskAsync(_bed.AdminAad, "đôn đốc các đơn vị chưa nộp");
        Assert.Contains("tới 5 cán bộ của 5 đơn vị chưa nộp báo cáo", first.Text);
        Assert.Contains("Ngoài giờ làm việc, tin nhắn sẽ được gửi từ 07:30 ngày 04/07/2023.", first.Text);
        Assert.Contains("Không nhắn được: Cán bộ số 7 (Chi bộ số 7", first.Text);
        var outbox = Rows(await _bed.OutboxAsync());

        // Typed again, without diacritics, the help card's button (the late units) and the status card's button.
        var again = new List<string>
        {
            (await _bed.AskAsync(_bed.AdminAad, "đôn đốc các đơn vị chưa nộp")).Text!,
            (await _bed.AskAsync(_bed.AdminAad, "don doc cac don vi chua nop")).Text!,
            (await _bed.AskAsync(_bed.AdminAad, "", new JsonObject { ["command"] = "don-doc" })).Text!,
            (await _bed.AskAsync(_bed.AdminAad, "", new JsonObject { ["command"] = "don-doc", ["all"] = true })).Text!,
        };

        Assert.Equal(outbox, Rows(await _bed.OutboxAsync()));
        Assert.All(again, text => Assert.DoesNotContain("Đã xếp lịch gửi", text));
        Assert.Contains("Tin nhắn đôn đốc tới 5 cán bộ của 5 đơn vị chưa nộp báo cáo đã được xếp lịch từ trước và đang chờ gửi", again[0]);
        Assert.Contains("Tin nhắn đôn đốc tới 2 cán bộ của 2 đơn vị quá hạn đã được xếp lịch từ trước và đang chờ gửi: Chi bộ số 5; Chi bộ số 6.", again[3]);
        Assert.Contains("Không nhắn được: Cán bộ số 7", again[1]);

        _bed.Clock.Advance(TimeSpan.FromHours(14)); // Tuesday 08:00
        await _bed.SendDueAsync();
        Assert.Equal([0, 1, 1, 1, 1, 1], _bed.Units.Take(6).Select(u => _bed.Delivered(u.ConversationId).Count));

        // Once sent, the office may remind again, an hour later: one more each, not one per earlier press. (The hour
        // also lets the sender take back the tenant's sending lease it gave up when the outbox emptied.)
        _bed.Clock.Advance(TimeSpan.FromHours(1));
        var later = await _bed.AskAsync(_bed.AdminAad, "đôn đốc tất cả");
        Assert.Contains("Đã xếp lịch gửi tin nhắn đôn đốc tới 2 cán bộ của 2 đơn vị quá hạn: Chi bộ số 5; Chi bộ số 6.", later.Text);
        await _bed.SendDueAsync();
        Assert.Equal([0, 1, 1, 1, 2, 2], _bed.Units.Take(6).Select(u => _bed.Delivered(u.ConversationId).Count));
    }

    /// <summary>The outbox as the office could see it: one line per row.</summary>
    private static List<string> Rows(List<ReminderOutboxItem> items) =>
        items.Select(i => $"{i.Id} {i.Kind} {i.UnitId} {i.PersonId} {i.Milestone} {i.State} {i.DueAtUtc:O}").ToList();
}
