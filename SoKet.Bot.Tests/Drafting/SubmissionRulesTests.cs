using Microsoft.EntityFrameworkCore;
using SoKet.Bot.Campaigns;
using SoKet.Bot.Reports;
using SoKet.Bot.Tests.Infrastructure;
using static SoKet.Bot.Tests.Drafting.DraftingChat;

namespace SoKet.Bot.Tests.Drafting;

/// <summary>
/// Who submits and what: members draft, the unit's secretary (bí thư) submits; the submission is of the version the
/// secretary saw; while the leader has the draft for comments, submitting asks for a deliberate "Vẫn nộp".
/// </summary>
public sealed class SubmissionRulesTests : IAsyncLifetime
{
    private readonly BotApp _app = new();
    private DraftingChat _member = null!;
    private DraftingChat _secretary = null!;
    private DraftingChat _leader = null!;

    public async Task InitializeAsync()
    {
        _app.Settings["People:LocalWebChatUsersAreAdmins"] = "false";
        _member = await DraftingChat.OpenAsync(_app);
        _secretary = await DraftingChat.OpenAsync(_app);
        _leader = await DraftingChat.OpenAsync(_app);
        await using var db = _app.OpenStore();
        await DraftingSeed.CreateAsync(db, [(_member.Client.UserId, "Nguyễn Văn An"), (_secretary.Client.UserId, "Hà Thị Hạnh")],
            DraftingSeed.HaTinh, leaderUserId: _leader.Client.UserId);
        var secretary = await db.UnitMembers.SingleAsync(m => m.Person!.ChannelUserId == _secretary.Client.UserId);
        secretary.Role = MemberRole.Secretary;
        await db.SaveChangesAsync();

        await _member.SayAsync("soạn báo cáo");
        await _member.PressAsync("Soạn tiếp");
        await _member.PressAsync("Lưu", new { text = "Chi bộ có 25 đảng viên, sinh hoạt đều đặn." });
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_member_who_is_not_the_secretary_is_told_who_submits_and_nothing_is_submitted()
    {
        var replies = await _member.SayAsync("nộp báo cáo");

        Assert.Contains("đồng chí bí thư (Hà Thị Hạnh) duyệt và nộp báo cáo", Texts(replies));
        Assert.Null(FindAction(LastCard(replies)!, "Xác nhận nộp"));
        await using var db = _app.OpenStore();
        Assert.Equal(ReportStatus.Drafting, (await db.Reports.SingleAsync()).Status);
    }

    [Fact]
    public async Task The_secretary_submits()
    {
        await _secretary.SayAsync("nộp báo cáo");
        var submitted = await _secretary.PressAsync("Xác nhận nộp");

        Assert.Contains("Đã nộp báo cáo sơ kết", Texts(submitted));
        await using var db = _app.OpenStore();
        var report = await db.Reports.SingleAsync();
        Assert.Equal((ReportStatus.Submitted, "Hà Thị Hạnh"), (report.Status, report.SubmittedByName));
    }

    [Fact]
    public async Task A_change_made_after_the_card_was_shown_refuses_the_submission_of_the_older_version()
    {
        await _secretary.SayAsync("nộp báo cáo");
        var card = _secretary.Card!;
        // A member adds to the report while the secretary reads the card.
        await _member.PressAsync("Lưu", new { text = "Chi bộ có 25 đảng viên, sinh hoạt đều đặn; đã kết nạp 2 đảng viên mới." });

        var refused = await _secretary.PressAsync("Xác nhận nộp", card: card);

        Assert.Contains("vừa được cập nhật sau khi đồng chí mở thẻ xác nhận", Texts(refused));
        Assert.NotNull(FindAction(LastCard(refused)!, "Xác nhận nộp"));
        await using (var db = _app.OpenStore())
            Assert.Equal(ReportStatus.Drafting, (await db.Reports.SingleAsync()).Status);

        await _secretary.PressAsync("Xác nhận nộp");
        await using var check = _app.OpenStore();
        Assert.Equal(ReportStatus.Submitted, (await check.Reports.SingleAsync()).Status);
    }

    [Fact]
    public async Task While_the_leader_has_the_draft_submitting_needs_a_deliberate_confirmation()
    {
        await _member.SayAsync("gửi xin ý kiến");

        var card = await _secretary.SayAsync("nộp báo cáo");

        Assert.Contains("Dự thảo đang chờ đồng chí phụ trách cho ý kiến", Texts(card));
        Assert.Null(FindAction(LastCard(card)!, "Xác nhận nộp"));
        var submitted = await _secretary.PressAsync("Vẫn nộp, không chờ ý kiến");
        Assert.Contains("Đã nộp báo cáo sơ kết", Texts(submitted));
        await using var db = _app.OpenStore();
        Assert.Equal(ReportStatus.Submitted, (await db.Reports.SingleAsync()).Status);
    }
}
