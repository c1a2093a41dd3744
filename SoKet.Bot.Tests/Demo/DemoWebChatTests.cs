using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Protocol;
using SoKet.Bot.Reminders.Outbox;
using SoKet.Bot.Reminders.Planning;
using SoKet.Bot.Reminders.Sending;
using SoKet.Bot.Tests.Infrastructure;

namespace SoKet.Bot.Tests.Demo;

/// <summary>
/// `--demo` in the first five minutes, as a newcomer in the browser meets it (local mode: the web chat user is a
/// member of the demo unit and may act as the office): the deadline, the unit's draft, the status card with every
/// state, reminders, and the consolidated report. Started on Friday 13/03/2026 10:00.
/// </summary>
[Trait("Category", "Store")]
public sealed class DemoWebChatTests : IDisposable
{
    private readonly DemoBed _bed = DemoBed.Start();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task The_web_chat_user_belongs_to_the_demo_unit_and_gets_its_deadline_weeks_ahead()
    {
        var chat = await OpenChatAsync();

        await chat.SendAsync("han nop bao cao khi nao");
        var deadline = Assert.Single(await chat.ReadBotActivitiesAsync(1));
        await chat.SendAsync("soạn báo cáo");
        var drafting = await chat.ReadBotActivitiesAsync(2);

        var answer = deadline.Attachments![0].Content!.ToJsonString(ProtocolJson.Options);
        Assert.Contains("06/04/2026", answer);
        Assert.Contains("còn 24 ngày", answer);
        // The unit's draft is there to continue, where its secretary left it.
        Assert.StartsWith("Tiếp tục soạn báo cáo của Chi bộ Phòng Tài chính - Kế hoạch thành phố", drafting[0].Text);
        Assert.Contains("đồng chí Nguyễn Thị Hạnh", drafting[0].Text);
        var card = drafting[1].Attachments![0].Content!.ToJsonString(ProtocolJson.Options);
        Assert.Contains("Chi bộ Phòng Tài chính - Kế hoạch thành phố", card);
        Assert.Contains("Đã kết nạp 1 đảng viên mới, chưa đạt chỉ tiêu 3 đảng viên", card);
    }

    [Fact]
    public async Task The_status_card_counts_every_state()
    {
        var chat = await OpenChatAsync();

        await chat.SendAsync("tình hình nộp báo cáo");
        var reply = Assert.Single(await chat.ReadBotActivitiesAsync(1));

        var facts = DemoBed.Facts(reply.Attachments![0].Content);
        Assert.Equal(
            [("Đã nộp", "3/9"), ("Đang soạn", "2"), ("Chờ cho ý kiến", "1"), ("Trả lại chỉnh sửa", "1"), ("Chưa bắt đầu", "2"), ("Quá hạn", "2")],
            facts.Take(6));
        Assert.Contains(("Ban Tổ chức Thành ủy", "Đang soạn, quá hạn 7 ngày"), facts);
        Assert.Contains(("Ủy ban MTTQ Việt Nam thành phố", "Chưa bắt đầu, quá hạn 7 ngày"), facts);
        Assert.Contains(("Chi bộ Trường Trung học phổ thông thành phố", "Chờ cho ý kiến, hạn 06/04/2026 (còn 24 ngày)"), facts);
    }

    [Fact]
    public async Task A_reminder_is_planned_for_the_next_working_day_and_reaches_the_demo_people()
    {
        await PlanAsync(); // Friday 10:00: the first pass of the planner.
        _bed.Clock.Advance(TimeSpan.FromHours(23)); // Saturday 09:00
        await PlanAsync();
        Assert.Empty(await UnitRemindersAsync());

        _bed.Clock.Advance(TimeSpan.FromHours(47)); // Monday 16/03 08:00, the next working day
        await PlanAsync();

        var reminders = await UnitRemindersAsync();
        await using (var db = _bed.OpenStore())
        {
            var names = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name);
            Assert.Equal(["Ban Tổ chức Thành ủy", "Ủy ban MTTQ Việt Nam thành phố"], reminders.Select(r => names[r.UnitId]).Distinct().Order(StringComparer.Ordinal));
        }
        // The early deadline (Friday 06/03) plus three intervals of two working days: Monday, the weekend skipped.
        Assert.All(reminders, r => Assert.Equal("2026-03-06/OVERDUE-3", r.Milestone));
        Assert.All(reminders, r => Assert.Equal(new DateTime(2026, 3, 16, 1, 0, 0), r.DueAtUtc));

        var sender = _bed.App.GetService<ReminderSender>();
        while (await sender.RunBatchAsync(CancellationToken.None) > 0) { }
        Assert.All(await UnitRemindersAsync(), r => Assert.Equal(ReminderState.Sent, r.State));
        // The invented people have no Teams account: the message went to the demo's log instead.
        Assert.Contains(_bed.Logs.Lines, l => l.Message.StartsWith("Demo: message for Kiều Văn Bình", StringComparison.Ordinal) && l.Message.Contains("Ban Tổ chức Thành ủy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_consolidated_report_includes_the_submitted_units()
    {
        var chat = await OpenChatAsync();

        await chat.SendAsync("tổng hợp báo cáo");
        var replies = await chat.ReadBotActivitiesAsync(2);

        var file = Assert.Single(replies, r => r.Attachments?.Any(a => a.Name?.EndsWith(".docx", StringComparison.Ordinal) == true) == true);
        Assert.Contains("3/9 đơn vị đã nộp", file.Text);
        using var http = _bed.App.CreateHttpClient();
        var text = DemoBed.DocumentText(await http.GetByteArrayAsync(file.Attachments![0].ContentUrl));
        Assert.Contains("Từ sau đại hội đến nay đã kết nạp 26 đảng viên mới", text);
        Assert.Contains("Các kỳ họp được tổ chức đúng luật, đã ban hành 58 nghị quyết.", text);
        Assert.Contains("giải ngân vốn đầu tư công đến nay mới đạt 68% kế hoạch", text);
        Assert.Contains("Các đơn vị nộp báo cáo muộn (1)", text);
        Assert.Contains("1. Ủy ban nhân dân thành phố (nộp lúc", text);
        Assert.Contains("Các đơn vị chưa nộp báo cáo (6)", text);
        // A draft that was returned is not in the consolidation.
        Assert.DoesNotContain("Phường Tân Phong có 12 tổ dân phố", text);
    }

    private async Task<DirectLineClient> OpenChatAsync()
    {
        var chat = new DirectLineClient(_bed.App.CreateHttpClient());
        await chat.StartAsync();
        await chat.ReadBotActivitiesAsync(1);
        return chat;
    }

    private async Task PlanAsync()
    {
        await using var scope = _bed.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReminderPlanningRun>().RunAsync(CancellationToken.None);
    }

    private async Task<List<ReminderOutboxItem>> UnitRemindersAsync()
    {
        await using var db = _bed.OpenStore();
        return await db.Set<ReminderOutboxItem>().AsNoTracking().Where(i => i.Kind == ReminderKind.UnitReminder).OrderBy(i => i.Id).ToListAsync();
    }
}
